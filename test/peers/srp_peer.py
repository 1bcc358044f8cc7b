"""Debian's python3-srp in RFC 5054 mode, as an independent SRP client for the tests.

Reads one JSON request on stdin, writes one JSON answer on stdout.
  register: {identity, passcode, hash, N, g}            -> {salt, verifier}
  proof:    {identity, passcode, hash, N, g, a, salt, B} -> {A, M1}
  verify:   ... as proof, plus M2                         -> {verified}
"""
import json
import sys

# The package's pure-Python implementation (its ctypes variant wants bytes for every hex input).
import srp._pysrp as srp

srp.rfc5054_enable()
HASHES = {"SHA-1": srp.SHA1, "SHA-256": srp.SHA256, "SHA-512": srp.SHA512}


def user(req):
    return srp.User(req["identity"], req["passcode"], hash_alg=HASHES[req["hash"]], ng_type=srp.NG_CUSTOM,
                    n_hex=req["N"], g_hex=req["g"], bytes_a=bytes.fromhex(req["a"]))


def main():
    req = json.load(sys.stdin)
    op = req["op"]
    if op == "register":
        salt, verifier = srp.create_salted_verification_key(req["identity"], req["passcode"], hash_alg=HASHES[req["hash"]],
                                                            ng_type=srp.NG_CUSTOM, n_hex=req["N"], g_hex=req["g"], salt_len=16)
        out = {"salt": salt.hex(), "verifier": verifier.hex()}
    else:
        u = user(req)
        _, A = u.start_authentication()
        M1 = u.process_challenge(bytes.fromhex(req["salt"]), bytes.fromhex(req["B"]))
        if op == "proof":
            out = {"A": A.hex(), "M1": M1.hex() if M1 is not None else None}
        else:
            u.verify_session(bytes.fromhex(req["M2"]))
            out = {"verified": u.authenticated()}
    json.dump(out, sys.stdout)


main()
