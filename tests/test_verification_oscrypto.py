"""skill.hosting.oscrypto_compat: the import workaround for oscrypto 1.3.0 on OpenSSL
3.0.10+, and proof that the SDK's own verifier still fully works behind it.

Each check runs in a fresh interpreter: oscrypto picks its backend once per
process."""

from __future__ import annotations

import json
import os
import re
import ssl
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from skill.hosting.oscrypto_compat import BROKEN_PATTERN, FIXED_PATTERN, OscryptoVersionFinder

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
_OPENSSL = re.match(r"OpenSSL (\d+)\.(\d+)\.(\d+)", ssl.OPENSSL_VERSION)
NEEDS_WORKAROUND = _OPENSSL is not None and tuple(map(int, _OPENSSL.groups())) >= (3, 0, 10)


def python(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=60
    )


@pytest.mark.skipif(not NEEDS_WORKAROUND, reason="this OpenSSL's version parses with oscrypto 1.3.0")
def test_the_problem_is_real_here():
    """Without the workaround, flask-ask-sdk cannot even be imported. When this
    fails, oscrypto has been fixed: see docs/self-hosting.md to remove the workaround."""
    result = python("from flask_ask_sdk.skill_adapter import SkillAdapter")
    assert result.returncode != 0
    assert "Error detecting the version of libcrypto" in result.stderr


@pytest.mark.parametrize("backend", ["cffi", "ctypes"])
def test_flask_ask_sdk_imports_with_the_workaround(backend):
    result = python(f"""
        import ssl
        import oscrypto
        if {backend!r} == "ctypes":
            oscrypto.use_ctypes()
        import skill.hosting.oscrypto_compat as compat
        from flask_ask_sdk.skill_adapter import SkillAdapter
        from oscrypto._openssl._libcrypto import libcrypto_version
        from oscrypto._openssl._libcrypto_{backend} import version_string
        assert version_string.split()[1] == libcrypto_version, (libcrypto_version, version_string)
        print(sorted(compat.patched_modules))
    """)
    assert result.returncode == 0, result.stderr
    expected = [f"oscrypto._openssl._libcrypto_{backend}"] if NEEDS_WORKAROUND else []
    assert json.loads(result.stdout.replace("'", '"')) == expected


def test_the_web_app_imports_without_any_network():
    """The import path needs no network: sockets are disabled before importing."""
    result = python("""
        import socket
        def no_network(*args, **kwargs):
            raise AssertionError("network used at import time")
        socket.socket.connect = no_network
        socket.create_connection = no_network
        socket.getaddrinfo = no_network
        import skill.hosting.app
        print("ok")
    """)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_finder_patches_only_the_known_broken_source(tmp_path):
    broken = "import re\nversion_match = " + BROKEN_PATTERN + "\n"
    fixed = "import re\nversion_match = " + FIXED_PATTERN + "\n"
    finder = OscryptoVersionFinder()
    name = "oscrypto._openssl._libcrypto_cffi"

    (tmp_path / "_libcrypto_cffi.py").write_text(broken)
    spec = finder.find_spec(name, [str(tmp_path)])
    assert spec is not None
    code = spec.loader.get_code(name)
    namespace = {"version_string": "OpenSSL 3.0.19 27 Jan 2026"}
    exec(code, namespace)
    assert namespace["version_match"].group(1) == "3.0.19"

    (tmp_path / "_libcrypto_cffi.py").write_text(fixed)  # a fixed oscrypto release: hands off
    assert finder.find_spec(name, [str(tmp_path)]) is None
    assert finder.find_spec("oscrypto.other_module", [str(tmp_path)]) is None


@pytest.mark.parametrize(
    "version_string, expected",
    [
        ("OpenSSL 3.0.19 27 Jan 2026", "3.0.19"),
        ("OpenSSL 3.0.9 30 May 2023", "3.0.9"),
        ("OpenSSL 1.1.1w  11 Sep 2023", "1.1.1w"),
        ("OpenSSL 1.0.2k-fips  26 Jan 2017", "1.0.2k"),
        ("OpenSSL 3.5.10 1 Jan 2027", "3.5.10"),
    ],
)
def test_fixed_pattern_agrees_with_the_old_one_wherever_that_worked(version_string, expected):
    import re

    def search(pattern_call: str):
        pattern = eval(pattern_call.removeprefix("re.search(").split(", version_string")[0])  # the literal
        match = re.search(pattern, version_string)
        return match and match.group(1)

    assert search(FIXED_PATTERN) == expected
    old = search(BROKEN_PATTERN)
    assert old is None or old == expected


def test_stock_sdk_verifier_still_does_full_verification(tmp_path):
    """The SDK's own RequestVerifier (certvalidator + oscrypto) runs behind the
    workaround: a signed body passes, a tampered one and an untrusted chain do
    not. Its trust list is the test root, via SSL_CERT_FILE (how oscrypto finds
    roots on Linux); its certificate download is pre-filled in its own cache."""
    sys.path.insert(0, str(TESTS))
    from skill.testing.signing import CERT_URL, make_pki, pem

    pki = make_pki()
    (tmp_path / "roots.pem").write_bytes(pem(pki.root))
    (tmp_path / "chain.pem").write_bytes(pki.chain_pem())
    body = json.dumps({"version": "1.0", "request": {"type": "LaunchRequest"}})
    headers = pki.headers(body)
    result = python(
        f"""
        import json, warnings
        warnings.simplefilter("ignore")
        import skill.hosting.oscrypto_compat
        from ask_sdk_webservice_support.verifier import RequestVerifier, VerificationException
        headers, body, url = {json.dumps(headers)!r}, {body!r}, {CERT_URL!r}
        headers = json.loads(headers)
        def check(body, chain):
            verifier = RequestVerifier()
            verifier._cert_cache[url] = chain
            try:
                verifier.verify(headers, body, None)
                return "ok"
            except VerificationException as error:
                return str(error)
        chain = open({str(tmp_path / "chain.pem")!r}, "rb").read()
        leaf_only = chain.split(b"-----END CERTIFICATE-----")[0] + b"-----END CERTIFICATE-----\\n"
        print(json.dumps([check(body, chain), check(body + " ", chain), check(body, leaf_only)]))
    """,
        env={"SSL_CERT_FILE": str(tmp_path / "roots.pem")},
    )
    assert result.returncode == 0, result.stderr
    signed, tampered, leaf_only = json.loads(result.stdout)
    assert signed == "ok"
    assert "Request body is not valid" in tampered
    assert "Certificate chain is not valid" in leaf_only
