/* The admin's action counter in Persian digits. Django's actions.js writes «1 از 100 انتخاب شده‌اند»
   with interpolate() each time a row is ticked (and when the page is shown), in Latin digits; this
   turns them back, and changes nothing else on the page. Loaded with defer from admin/base_site.html. */
"use strict";
{
    const PERSIAN = "۰۱۲۳۴۵۶۷۸۹";

    function persianDigits(counter) {
        const text = counter.textContent.replace(/[0-9]/g, (digit) => PERSIAN[digit]);
        if (text !== counter.textContent) {  // else writing it back would call the observer again
            counter.textContent = text;
        }
    }

    document.querySelectorAll(".action-counter").forEach((counter) => {
        new MutationObserver(() => persianDigits(counter)).observe(
            counter, {childList: true, characterData: true, subtree: true}
        );
        persianDigits(counter);
    });
}
