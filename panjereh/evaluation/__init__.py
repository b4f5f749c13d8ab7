"""The evaluation of agencies: rounds (Jalali quarters), indicators measured from what the platform
records, scores on the four pillars, rankings and report cards. It only reads the other apps, through
their selectors, and writes its own frozen snapshots (docs/evaluation.md)."""
