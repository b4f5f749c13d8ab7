"""Help and trust: where to get help (contact details), and what people say of each page ("was this
page useful?", "report a problem"), which reaches the supervisor in the back office."""
