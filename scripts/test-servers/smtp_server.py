#!/usr/bin/env python3
"""A small SMTP server for Homing's tests (Python 3 standard library only).

    smtp_server.py --log sessions.jsonl [--mode plain|starttls|smtps] [--cert c.pem --key k.pem]
                   [--auth PLAIN,LOGIN --user u --password p] [--script script.json] [--silent]

Listens on 127.0.0.1 and an ephemeral port, prints "PORT <n>" on stdout once listening, and
appends one JSON object per line to --log: {"event": "connect", "session": n} for every accepted
connection and {"event": "message", ...} with the envelope, the dot-unstuffed data (base64), the
AUTH identity and whether the session was under TLS, for every message it answered after DATA.

--mode starttls advertises STARTTLS; smtps wraps every connection in TLS at once. --script is a
JSON object whose "rcpt" and "data" map a recipient address to the reply (a list of lines, sent
as given) for RCPT TO and for the end of the data. --silent accepts connections and never answers.
"""

import argparse
import base64
import binascii
import json
import socketserver
import ssl
import sys
import threading


class Log:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.sessions = 0
        self.messages = 0

    def connect(self):
        with self.lock:
            self.sessions += 1
            number = self.sessions
            self._write({"event": "connect", "session": number})
            return number

    def message(self, record):
        with self.lock:
            self.messages += 1
            record["event"] = "message"
            self._write(record)
            return self.messages

    def _write(self, record):
        with open(self.path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")
            log.flush()


class Session(socketserver.StreamRequestHandler):
    def setup(self):
        options = self.server.options
        if options.mode == "smtps":
            self.request = self.server.tls.wrap_socket(self.request, server_side=True)
        super().setup()
        self.tls = options.mode == "smtps"
        self.identity = None
        self.reset()

    def reset(self):
        self.sender = None
        self.recipients = []

    def send(self, *lines):
        self.wfile.write("".join(line + "\r\n" for line in lines).encode("utf-8"))
        self.wfile.flush()

    def readline(self):
        line = self.rfile.readline(65536)
        return line.decode("utf-8", "replace").rstrip("\r\n") if line else None

    def handle(self):
        self.number = self.server.log.connect()
        if self.server.options.silent:
            while self.rfile.read(1):
                pass
            return
        self.send("220 homing-test ESMTP ready")
        while True:
            line = self.readline()
            if line is None:
                return
            verb, _, argument = line.partition(" ")
            handler = getattr(self, "do_" + verb.upper(), None)
            if handler is None:
                self.send("502 5.5.2 Command not recognized")
            elif handler(argument) == "quit":
                return

    def do_EHLO(self, argument):
        options = self.server.options
        lines = ["homing-test greets " + argument, "8BITMIME", "SIZE 10485760"]
        if options.mode == "starttls" and not self.tls:
            lines.append("STARTTLS")
        if options.auth:
            lines.append("AUTH " + " ".join(options.auth))
        self.send(*["250-" + text for text in lines[:-1]], "250 " + lines[-1])

    def do_HELO(self, argument):
        self.send("250 homing-test")

    def do_STARTTLS(self, argument):
        if self.server.options.mode != "starttls" or self.tls:
            self.send("502 5.5.1 STARTTLS not offered")
            return
        self.send("220 2.0.0 Ready to start TLS")
        self.connection = self.request = self.server.tls.wrap_socket(self.request, server_side=True)
        self.rfile = self.request.makefile("rb")
        self.wfile = self.request.makefile("wb")
        self.tls = True
        self.reset()

    def do_AUTH(self, argument):
        mechanism, _, initial = argument.partition(" ")
        mechanism = mechanism.upper()
        if mechanism not in self.server.options.auth:
            self.send("504 5.5.4 Unrecognized authentication type")
            return
        try:
            if mechanism == "PLAIN":
                if not initial:
                    self.send("334 ")
                    initial = self.readline() or ""
                _, user, password = base64.b64decode(initial).decode("utf-8").split("\0")
            else:
                self.send("334 VXNlcm5hbWU6")
                user = base64.b64decode(self.readline() or "").decode("utf-8")
                self.send("334 UGFzc3dvcmQ6")
                password = base64.b64decode(self.readline() or "").decode("utf-8")
        except (ValueError, binascii.Error):
            self.send("501 5.5.2 Cannot decode the response")
            return
        options = self.server.options
        if user == options.user and password == options.password:
            self.identity = {"mechanism": mechanism, "username": user}
            self.send("235 2.7.0 Authentication successful")
        else:
            self.send("535 5.7.8 Authentication credentials invalid")

    def do_MAIL(self, argument):
        if self.server.options.user and not self.identity:
            self.send("530 5.7.0 Authentication required")
            return
        self.reset()
        self.sender = address(argument)
        self.send("250 2.1.0 Ok")

    def do_RCPT(self, argument):
        if self.sender is None:
            self.send("503 5.5.1 Need MAIL first")
            return
        recipient = address(argument)
        reply = self.server.script.get("rcpt", {}).get(recipient)
        if reply:
            self.send(*reply)
            return
        self.recipients.append(recipient)
        self.send("250 2.1.5 Ok")

    def do_DATA(self, argument):
        if not self.recipients:
            self.send("554 5.5.1 No valid recipients")
            return
        self.send("354 End data with <CR><LF>.<CR><LF>")
        data = bytearray()
        while True:
            line = self.rfile.readline()
            if not line or line == b".\r\n":
                break
            data += line[1:] if line.startswith(b".") else line
        if not line:
            return
        replies = self.server.script.get("data", {})
        reply = next((replies[r] for r in self.recipients if r in replies), None)
        record = {
            "session": self.number,
            "from": self.sender,
            "to": self.recipients,
            "data": base64.b64encode(bytes(data)).decode("ascii"),
            "auth": self.identity,
            "tls": self.tls,
            "reply": reply[-1] if reply else "250",
        }
        number = self.server.log.message(record)
        self.send(*(reply or ["250 2.0.0 Ok: queued as Q%05d" % number]))
        self.reset()

    def do_RSET(self, argument):
        self.reset()
        self.send("250 2.0.0 Ok")

    def do_NOOP(self, argument):
        self.send("250 2.0.0 Ok")

    def do_QUIT(self, argument):
        self.send("221 2.0.0 Bye")
        return "quit"


def address(argument):
    """The address inside <...> of "FROM:<a@b> SIZE=12" or "TO:<a@b>"."""
    start, end = argument.find("<"), argument.find(">")
    return argument[start + 1 : end] if 0 <= start < end else argument.partition(":")[2].strip()


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", required=True)
    parser.add_argument("--mode", choices=["plain", "starttls", "smtps"], default="plain")
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--auth", default="", type=lambda text: [m.upper() for m in text.split(",") if m])
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--script")
    parser.add_argument("--silent", action="store_true")
    options = parser.parse_args()

    server = Server(("127.0.0.1", 0), Session)
    server.options = options
    server.log = Log(options.log)
    server.script = {}
    if options.script:
        with open(options.script, encoding="utf-8") as script:
            server.script = json.load(script)
    if options.mode != "plain":
        server.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        server.tls.load_cert_chain(options.cert, options.key)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
