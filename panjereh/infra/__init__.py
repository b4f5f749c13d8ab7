"""The basement: database and process plumbing that is not about government services.

The SQLite backend, the one-row statements and the task claim of the busiest path, settling a
long-running process's start-up objects, and the demo's process runner. `infra` imports only
`panjereh.persian` of the project; which modules may use its hot-path helpers is an import-linter
contract in pyproject.toml.
"""
