"""Fees and payments: a payment for an application's fee (or a bill) through a bank gateway, verified
with the bank server to server, idempotent, receipted, refunded when owed, reconciled daily."""
