// The ALTCHA widget, asked for when the address has used its free allowance of login codes or of page
// feedback: its proof-of-work worker (a file of our own origin, as the CSP allows) and its Persian
// words. Loaded as a module after vendor/altcha/altcha-fa.js (which makes $altcha) and before the widget itself.
const widget = document.querySelector("altcha-widget[data-worker]");
if (widget) {
  const worker = widget.dataset.worker;
  $altcha.algorithms.set("PBKDF2/SHA-256", () => new Worker(worker));
  $altcha.i18n.set("fa", Object.assign({}, $altcha.i18n.get("fa"), {
    label: "من ربات نیستم",
    verify: "تأیید",
    verifying: "در حال محاسبه…",
    verified: "تأیید شد",
    waitAlert: "در حال محاسبه… لطفاً چند لحظه صبر کنید.",
    verificationRequired: "نخست «من ربات نیستم» را تأیید کنید.",
    error: "محاسبه ممکن نشد؛ دوباره تلاش کنید.",
    expired: "زمان این آزمون گذشت؛ دوباره تلاش کنید.",
    loading: "در حال بارگذاری…",
    reload: "دوباره",
  }));
}
