"""`back-spasm serve`: the self-hosted endpoint under gunicorn, in this
process, with the production settings (skill.hosting.serving)."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from typing import Any

from skill.tools.cli import CliError, require_web

SKILL_ID_ENV = "ALEXA_SKILL_ID"


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range 1-65535: {port}")
    return port


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


TLS_NOTE = (
    "It listens on plain HTTP unless --certfile and --keyfile are given. Alexa calls only HTTPS endpoints on port 443 "
    "with a trusted certificate (or, for development, a self-signed one uploaded in the developer console): put a "
    "TLS-terminating reverse proxy or load balancer in front (nginx, Caddy, a cloud load balancer) forwarding to this "
    "address, or serve TLS here with --certfile/--keyfile. Needs the [web] extra: pip install -e '.[web]'."
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = TLS_NOTE
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=_port, default=5000, help="port to listen on (default: 5000)")
    parser.add_argument("--skill-id", default=os.environ.get(SKILL_ID_ENV, ""), help=f"refuse requests for any other skill (default: ${SKILL_ID_ENV})")
    parser.add_argument("--no-verify", action="store_true", help="DO NOT check request signatures and timestamps (for local tools that cannot sign)")
    parser.add_argument("--workers", type=_positive, default=2, help="gunicorn worker processes (default: 2)")
    parser.add_argument("--certfile", help="TLS certificate (PEM) to serve HTTPS directly")
    parser.add_argument("--keyfile", help="TLS private key (PEM) for --certfile")


def _check_bindable(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise CliError(f"cannot resolve --host {host!r}: {error.strerror}") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise CliError(f"cannot listen on {host}:{port}: {error.strerror}") from None


def run(args: argparse.Namespace) -> int:
    require_web()
    from gunicorn.app.base import BaseApplication

    from skill.hosting.app import ALEXA_ROUTE, NO_VERIFY_WARNING
    from skill.hosting.serving import gunicorn_settings

    if bool(args.certfile) != bool(args.keyfile):
        raise CliError("--certfile and --keyfile go together")
    for path in filter(None, (args.certfile, args.keyfile)):
        if not os.path.isfile(path):
            raise CliError(f"no such file: {path}")
    _check_bindable(args.host, args.port)

    verify = not args.no_verify
    skill_id = (args.skill_id or "").strip()
    scheme = "https" if args.certfile else "http"
    host = f"[{args.host}]" if ":" in args.host else args.host
    if not verify:
        banner = "!" * 78
        print(f"{banner}\n{NO_VERIFY_WARNING}\n{banner}", file=sys.stderr, flush=True)
    print(
        f"back-spasm serve: {scheme}://{host}:{args.port}{ALEXA_ROUTE} "
        f"(verification {'ON' if verify else 'OFF'}, skill id {skill_id or 'not checked'}, "
        f"{args.workers} worker{'s' if args.workers != 1 else ''}); Ctrl-C stops",
        file=sys.stderr,
        flush=True,
    )

    options: dict[str, Any] = {
        **gunicorn_settings(),
        "bind": f"{host}:{args.port}",
        "workers": args.workers,
        "accesslog": "-",
        "graceful_timeout": 5,
    }
    if args.certfile:
        options.update(certfile=args.certfile, keyfile=args.keyfile)

    class _Server(BaseApplication):
        def load_config(self) -> None:
            for name, value in options.items():
                self.cfg.set(name, value)
            if "control_socket_disable" in self.cfg.settings:  # gunicorn 25.1+: one socket per user
                self.cfg.set("control_socket_disable", True)

        def load(self) -> Any:
            from skill.hosting.app import create_app

            return create_app(skill_id=skill_id, verify=verify)

    _Server().run()
    return 0
