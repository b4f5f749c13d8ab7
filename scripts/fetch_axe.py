"""Fetches axe-core, the accessibility engine the browser tests run on every page, from the npm registry
into .tools/axe-core/ (not committed, and never loaded from a CDN). The version and the registry's
sha512 integrity are pinned here, as a lock file would: a tarball that does not match is refused.

    python3 scripts/fetch_axe.py     # `make test` runs it
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
TARGET = Path(__file__).resolve().parents[1] / ".tools" / "axe-core"


def main() -> int:
    script = TARGET / "axe.min.js"
    if (TARGET / "VERSION").exists() and (TARGET / "VERSION").read_text() == VERSION and script.exists():
        return 0
    with urllib.request.urlopen(TARBALL, timeout=60) as answer:  # the npm registry
        data = answer.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != INTEGRITY:
        sys.stderr.write(f"axe-core {VERSION}: the tarball's integrity {digest} is not the pinned one\n")
        return 1
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        if member is None:
            sys.stderr.write("axe-core: no axe.min.js in the tarball\n")
            return 1
        TARGET.mkdir(parents=True, exist_ok=True)
        script.write_bytes(member.read())
    (TARGET / "VERSION").write_text(VERSION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
