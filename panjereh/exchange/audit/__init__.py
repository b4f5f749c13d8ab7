"""The tamper-evident audit log of the exchange: a hash chain with Ed25519-signed checkpoints."""
