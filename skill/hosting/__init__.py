"""The self-hosted endpoint: a Flask app around the core skill, with request
verification. Imports from `skill.core`, never from `skill.tools` or `skill.testing`.

- `app`: the Flask app around the same skill as the Lambda; may import: core.
- `certificate_store`: validated certificate chains on disk, shared by the workers and kept across restarts; may import: nothing outside hosting.
- `certificates`: Alexa's signing certificate chain: URL rules, download, validation; may import: nothing outside hosting.
- `download_budget`: who may start a certificate download now (lanes a flood of new URLs cannot spend); may import: nothing outside hosting.
- `envelope_shape`: the shape of a request envelope, checked before the SDK sees it; may import: nothing outside hosting.
- `logs`: what the endpoint writes to its logs; may import: nothing outside hosting.
- `oscrypto_compat`: lets oscrypto import on OpenSSL 3.0.10 and later; may import: nothing outside hosting.
- `serving`: the gunicorn settings; may import: nothing outside hosting.
- `verification`: Alexa request verification, fast on the warm path; may import: nothing outside hosting.
- `workers`: gunicorn's gevent worker, answering what gunicorn refuses; may import: nothing outside hosting.
"""

# Before anything imports flask_ask_sdk or ask_sdk_webservice_support: makes
# oscrypto importable on OpenSSL 3.0.10+ (see that module).
from skill.hosting import oscrypto_compat  # noqa: F401
