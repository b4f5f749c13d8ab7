// The code page: a countdown of the code's validity, the resend button enabled when allowed,
// and WebOTP (the SMS ends with "@host #code") so a phone's browser can fill the code in.
(function () {
  "use strict";
  var FA = "۰۱۲۳۴۵۶۷۸۹";
  function fa(n) { return String(n).replace(/[0-9]/g, function (d) { return FA[+d]; }); }

  var countdown = document.getElementById("countdown");
  var resend = document.getElementById("resend");
  var expiresAt = Date.now() + 1000 * Number(countdown ? countdown.dataset.expiresIn : 0);
  var resendAt = Date.now() + 1000 * Number(resend ? resend.dataset.resendIn : 0);

  function tick() {
    var now = Date.now();
    if (countdown) {
      var left = Math.max(0, Math.ceil((expiresAt - now) / 1000));
      var value = countdown.querySelector(".countdown-value");
      if (left > 0 && value) { value.textContent = fa(left); }
      else if (left === 0) { countdown.textContent = "این کد منقضی شده است؛ کد تازه بگیرید."; }
    }
    if (resend) {
      var wait = Math.max(0, Math.ceil((resendAt - now) / 1000));
      var waitText = resend.querySelector(".resend-value");
      if (wait > 0 && waitText) { waitText.textContent = fa(wait); }
      if (wait === 0 && resend.disabled) {
        resend.disabled = false;
        var note = resend.querySelector(".resend-wait");
        if (note) { note.textContent = ""; }
      }
    }
  }
  tick();
  setInterval(tick, 1000);

  if ("OTPCredential" in window) {
    var input = document.querySelector("input[autocomplete='one-time-code']");
    var form = document.getElementById("code-form");
    if (input && form) {
      var abort = new AbortController();
      form.addEventListener("submit", function () { abort.abort(); });
      navigator.credentials.get({ otp: { transport: ["sms"] }, signal: abort.signal })
        .then(function (otp) { if (otp && otp.code) { input.value = otp.code; form.submit(); } })
        .catch(function () { /* the person types the code in */ });
    }
  }
})();
