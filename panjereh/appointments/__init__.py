"""A way forward at the counter: agencies' offices (where, when, what to bring) and appointments
booked online, so a service that is not fully online still starts on the national window."""
