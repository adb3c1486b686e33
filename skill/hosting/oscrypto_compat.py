"""Workaround: let oscrypto 1.3.0 import on OpenSSL 3.0.10 and later.

Why this exists
---------------
``flask_ask_sdk`` imports ``ask_sdk_webservice_support.verifier``, which imports
``certvalidator``, which imports ``oscrypto``.  oscrypto 1.3.0 (the newest
release on PyPI) finds the OpenSSL version with the regular expression
``\\b(\\d\\.\\d\\.\\d[a-z]*)\\b``: one digit per component.  "OpenSSL 3.0.19"
does not match, so *importing* oscrypto raises
``LibraryNotFoundError: Error detecting the version of libcrypto`` and
``import flask_ask_sdk.skill_adapter`` fails on every OpenSSL from 3.0.10 on.
The fix (one ``+`` in that pattern) is merged on oscrypto's master branch but
has never been released.

What it does
------------
Importing this module installs a meta-path finder that handles exactly two
modules, ``oscrypto._openssl._libcrypto_cffi`` and
``oscrypto._openssl._libcrypto_ctypes``.  When one of them is imported, the
finder reads oscrypto's own source file and, *only if it still contains the
broken pattern verbatim*, compiles it with the pattern replaced by
``\\b(\\d+\\.\\d+\\.\\d+[a-z]*)\\b``.  Nothing else changes: no network, no
files written, no other module touched, the rest of oscrypto loads normally.
The new pattern matches every string the old one matched, with the same
result, so older OpenSSL versions are unaffected.

If oscrypto is already imported, or its source no longer contains the broken
pattern (a fixed release), or it is not installed from source files, the
finder steps aside and the import proceeds exactly as without it.

How to remove it
----------------
When a fixed oscrypto is released (check with ``python -m skill.hosting.oscrypto_compat``,
which reports whether the patch is still needed): require that version in
pyproject.toml, delete this file and its import in ``skill/hosting/__init__.py``
(``grep -rn oscrypto_compat``).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import CodeType, ModuleType

# Exactly as written in oscrypto 1.3.0's source (Python string-literal escapes).
BROKEN_PATTERN = r"re.search('\\b(\\d\\.\\d\\.\\d[a-z]*)\\b', version_string)"
FIXED_PATTERN = r"re.search('\\b(\\d+\\.\\d+\\.\\d+[a-z]*)\\b', version_string)"

TARGET_MODULES = frozenset(
    {
        "oscrypto._openssl._libcrypto_cffi",
        "oscrypto._openssl._libcrypto_ctypes",
    }
)

# Module names actually patched in this process (for diagnostics and tests).
patched_modules: set[str] = set()


class _PatchedSourceLoader(importlib.machinery.SourceFileLoader):
    """Loads oscrypto's own source file with the version pattern fixed."""

    def get_code(self, fullname: str) -> CodeType:
        source = self.get_source(fullname) or ""
        code = compile(source.replace(BROKEN_PATTERN, FIXED_PATTERN), self.path, "exec", dont_inherit=True)
        patched_modules.add(fullname)
        return code


class OscryptoVersionFinder(importlib.abc.MetaPathFinder):
    """Meta-path finder for oscrypto's two libcrypto version-detection modules."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        if fullname not in TARGET_MODULES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.origin is None or type(spec.loader) is not importlib.machinery.SourceFileLoader:
            return None
        try:
            source = spec.loader.get_source(fullname)
        except (ImportError, OSError):
            return None
        if not source or BROKEN_PATTERN not in source:
            return None  # fixed upstream (or not the file we know): leave it alone
        spec.loader = _PatchedSourceLoader(fullname, spec.origin)
        return spec


def install() -> None:
    """Install the finder once, ahead of the standard path finder."""
    if not any(isinstance(finder, OscryptoVersionFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, OscryptoVersionFinder())


def status() -> str:
    """One line saying whether this workaround is (still) needed here."""
    import oscrypto

    backend_modules = sorted(name for name in TARGET_MODULES if name in sys.modules)
    try:
        from oscrypto import backend
        from oscrypto._openssl._libcrypto import libcrypto_version
    except Exception as error:
        return f"oscrypto {oscrypto.__version__}: import FAILS even with the workaround: {error!r}"
    if patched_modules:
        return (
            f"oscrypto {oscrypto.__version__} ({backend()} backend, libcrypto {libcrypto_version}): "
            f"workaround applied to {', '.join(sorted(patched_modules))}; still needed"
        )
    if backend_modules:
        return f"oscrypto {oscrypto.__version__}: imported before the workaround was installed; cannot tell"
    return f"oscrypto {oscrypto.__version__} ({backend()} backend, libcrypto {libcrypto_version}): imports without the workaround; it can be removed"


install()


if __name__ == "__main__":
    print(status())
