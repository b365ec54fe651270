from signatories.webhooks.signing import signature_header, signed_headers, verify

# The example in the Standard Webhooks specification and its reference libraries.
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TIMESTAMP = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_signature_is_standard_webhooks_hmac_sha256():
    assert (
        signature_header(
            secret=SPEC_SECRET, msg_id=SPEC_ID, timestamp=SPEC_TIMESTAMP, body=SPEC_BODY
        )
        == SPEC_SIGNATURE
    )


def test_verify_accepts_the_signature_and_refuses_a_changed_body():
    headers = signed_headers(
        secret=SPEC_SECRET, msg_id=SPEC_ID, timestamp=SPEC_TIMESTAMP, body=SPEC_BODY
    )
    assert set(headers) == {"webhook-id", "webhook-timestamp", "webhook-signature"}
    assert verify(secret=SPEC_SECRET, headers=headers, body=SPEC_BODY)
    assert not verify(secret=SPEC_SECRET, headers=headers, body=b'{"test": 1}')
    rotated = {**headers, "webhook-signature": "v1,bm90IGl0 " + headers["webhook-signature"]}
    assert verify(secret=SPEC_SECRET, headers=rotated, body=SPEC_BODY)
