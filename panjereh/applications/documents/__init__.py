"""Issued documents and their verification: `signing` (the signed fields, keys, signing),
`verification` (verify by id or QR payload, revoke, QR codes, claim labels), `api`
(/api/v1/documents) and `admin` (the back office's pages, registered by applications/admin.py).
The models stay in applications/models.py."""
