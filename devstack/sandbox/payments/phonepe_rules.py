"""PhonePe's input rules (v1 and v2), as the sandbox enforces them: each problem as one readable line."""

from __future__ import annotations

import re
from typing import Any

MIN_AMOUNT_PAISE = 100
_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_SHORT_UDF = re.compile(r"^[A-Za-z0-9_\- @.+]*$")
LONG_UDFS = {f"udf{n}" for n in range(1, 11)}
SHORT_UDFS = {f"udf{n}" for n in range(11, 16)}


def _id_problem(value: Any, name: str, max_length: int) -> list[str]:
    if not isinstance(value, str) or not value:
        return [f"{name} is required"]
    if len(value) > max_length or not _ID.match(value):
        return [f"{name} must be at most {max_length} of A-Z, a-z, 0-9, _ and -"]
    return []


def _amount_problem(value: Any, limit: int | None = None) -> list[str]:
    if not isinstance(value, int) or isinstance(value, bool) or value < MIN_AMOUNT_PAISE:
        return [f"amount must be a whole number of paise, at least {MIN_AMOUNT_PAISE}"]
    if limit is not None and value > limit:
        return [f"amount exceeds what can still be refunded ({limit} paise)"]
    return []


def _url_problem(value: Any, name: str) -> list[str]:
    ok = isinstance(value, str) and value.startswith(("http://", "https://"))
    return [] if ok else [f"{name} must be an http(s) URL"]


def _meta_problems(meta: Any) -> list[str]:
    if meta is None:
        return []
    if not isinstance(meta, dict):
        return ["metaInfo must be an object"]
    problems = [f"metaInfo.{key} is not a known field" for key in meta if key not in LONG_UDFS | SHORT_UDFS]
    for key, value in meta.items():
        short = key in SHORT_UDFS
        if not isinstance(value, str) or len(value) > (50 if short else 256):
            problems.append(f"metaInfo.{key} must be text of at most {50 if short else 256} characters")
        elif short and not _SHORT_UDF.match(value):
            problems.append(f"metaInfo.{key} has characters outside A-Z, a-z, 0-9, _ - space @ . +")
    return problems


def _flow_problems(flow: Any) -> list[str]:
    if not isinstance(flow, dict) or flow.get("type") != "PG_CHECKOUT":
        return ["paymentFlow.type must be PG_CHECKOUT"]
    urls = flow.get("merchantUrls")
    return _url_problem(urls.get("redirectUrl") if isinstance(urls, dict) else None, "redirectUrl")


def v2_pay_problems(body: dict[str, Any]) -> list[str]:
    """Problems with a /checkout/v2/pay body; empty when it is acceptable."""
    expire = body.get("expireAfter")
    problems = _id_problem(body.get("merchantOrderId"), "merchantOrderId", 63)
    problems += _amount_problem(body.get("amount"))
    if expire is not None and (not isinstance(expire, int) or not 300 <= expire <= 3600):
        problems.append("expireAfter must be between 300 and 3600 seconds")
    return problems + _meta_problems(body.get("metaInfo")) + _flow_problems(body.get("paymentFlow"))


def v2_refund_problems(body: dict[str, Any], refundable: int | None) -> list[str]:
    """Problems with a /payments/v2/refund body; `refundable` is None when the order is unknown."""
    problems = _id_problem(body.get("merchantRefundId"), "merchantRefundId", 63)
    if refundable is None:
        return [*problems, "originalMerchantOrderId is not a known order"]
    if refundable == 0:
        return [*problems, "the order is not paid, or is already fully refunded"]
    return problems + _amount_problem(body.get("amount"), refundable)


def v1_pay_problems(payload: dict[str, Any], merchant_id: str) -> list[str]:
    """Problems with the decoded payload of /pg/v1/pay."""
    problems = [] if payload.get("merchantId") == merchant_id else ["merchantId is not this merchant"]
    problems += _id_problem(payload.get("merchantTransactionId"), "merchantTransactionId", 34)
    problems += _id_problem(payload.get("merchantUserId"), "merchantUserId", 35)
    problems += _amount_problem(payload.get("amount"))
    problems += _url_problem(payload.get("redirectUrl"), "redirectUrl")
    problems += _url_problem(payload.get("callbackUrl"), "callbackUrl")
    if payload.get("redirectMode") not in ("REDIRECT", "POST"):
        problems.append("redirectMode must be REDIRECT or POST")
    if (payload.get("paymentInstrument") or {}).get("type") != "PAY_PAGE":
        problems.append("paymentInstrument.type must be PAY_PAGE")
    return problems


def v1_refund_problems(payload: dict[str, Any], merchant_id: str, refundable: int | None) -> list[str]:
    """Problems with the decoded payload of /pg/v1/refund."""
    problems = [] if payload.get("merchantId") == merchant_id else ["merchantId is not this merchant"]
    problems += _id_problem(payload.get("merchantTransactionId"), "merchantTransactionId", 34)
    if refundable is None:
        return [*problems, "originalTransactionId is not a known transaction"]
    if refundable == 0:
        return [*problems, "the transaction is not paid, or is already fully refunded"]
    return problems + _amount_problem(payload.get("amount"), refundable)
