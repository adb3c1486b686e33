"""The self-hosted endpoint: a Flask app around the core skill, with request
verification. Imports from `skill.core`, never from `skill.tools`."""

# Before anything imports flask_ask_sdk or ask_sdk_webservice_support: makes
# oscrypto importable on OpenSSL 3.0.10+ (see that module).
from skill.hosting import oscrypto_compat  # noqa: F401
