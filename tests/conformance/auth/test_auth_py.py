"""supabase-py's Auth client, sync and async: sessions, the user, sign-out scopes, admin calls, and
sign-in by emailed code, link and password reset completed through the captured mail."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from supabase_auth.errors import AuthApiError, AuthWeakPasswordError

from tests.conformance.auth.conftest import PASSWORD, AuthClients, new_email, settle

pytestmark = pytest.mark.anyio


async def signed_up(clients: AuthClients, email: str, **data: str):
    auth = await clients.auth()
    await settle(auth.sign_up({"email": email, "password": PASSWORD, "options": {"data": data}}))
    return auth


async def test_sign_up_in_refresh_and_update(clients: AuthClients) -> None:
    email = new_email()
    auth = await clients.auth()
    created = await settle(
        auth.sign_up({"email": email, "password": PASSWORD, "options": {"data": {"plan": "pro"}}})
    )
    assert created.session is not None
    assert created.user.user_metadata["plan"] == "pro"
    signed_in = await settle(auth.sign_in_with_password({"email": email, "password": PASSWORD}))
    assert signed_in.user.id == created.user.id
    assert (await settle(auth.get_user())).user.email == email
    refreshed = await settle(auth.refresh_session())
    assert refreshed.session.refresh_token != signed_in.session.refresh_token
    updated = await settle(auth.update_user({"data": {"city": "Pune"}}))
    assert updated.user.user_metadata == {"plan": "pro", "city": "Pune", "email_verified": True}


async def test_errors_become_the_right_exceptions(clients: AuthClients) -> None:
    email = new_email()
    auth = await signed_up(clients, email)
    with pytest.raises(AuthApiError) as wrong:
        await settle(auth.sign_in_with_password({"email": email, "password": "not the password"}))
    assert (wrong.value.status, wrong.value.code) == (400, "invalid_credentials")
    assert wrong.value.message == "Invalid login credentials"
    with pytest.raises(AuthWeakPasswordError) as weak:
        await settle(auth.sign_up({"email": new_email(), "password": "abc"}))
    assert (weak.value.status, weak.value.reasons) == (422, ["length"])
    with pytest.raises(AuthApiError) as taken:
        await settle(auth.sign_up({"email": email, "password": PASSWORD}))
    assert taken.value.code == "user_already_exists"


async def test_sign_out_scopes(clients: AuthClients) -> None:
    email = new_email()
    here = await signed_up(clients, email)
    elsewhere = await clients.auth()
    await settle(elsewhere.sign_in_with_password({"email": email, "password": PASSWORD}))
    await settle(here.sign_out({"scope": "others"}))
    with pytest.raises(AuthApiError) as revoked:
        await settle(elsewhere.refresh_session())
    assert revoked.value.code == "refresh_token_not_found"
    assert (await settle(here.get_user())).user.email == email
    await settle(here.sign_out({"scope": "local"}))
    assert await settle(here.get_session()) is None


async def test_admin_create_list_get_update_delete(clients: AuthClients) -> None:
    admin = await clients.admin()
    made = await settle(
        admin.create_user(
            {
                "email": new_email(),
                "password": PASSWORD,
                "email_confirm": True,
                "user_metadata": {"full_name": "Meera"},
                "app_metadata": {"role": "instructor"},
            }
        )
    )
    user = made.user
    assert user.app_metadata["role"] == "instructor"
    listed = await settle(admin.list_users(page=1, per_page=500))
    assert user.id in [u.id for u in listed]
    assert (await settle(admin.get_user_by_id(user.id))).user.email == user.email
    banned = await settle(
        admin.update_user_by_id(user.id, {"ban_duration": "2h", "app_metadata": {"role": None}})
    )
    assert banned.user.banned_until is not None
    assert "role" not in banned.user.app_metadata
    await settle(admin.delete_user(user.id, should_soft_delete=True))
    assert (await settle(admin.get_user_by_id(user.id))).user.deleted_at is not None
    await settle(admin.delete_user(user.id))
    with pytest.raises(AuthApiError) as gone:
        await settle(admin.get_user_by_id(user.id))
    assert (gone.value.status, gone.value.code) == (404, "user_not_found")


async def test_admin_invite_reaches_the_inbox_and_generated_links_verify(clients: AuthClients) -> None:
    admin, auth = await clients.admin(), await clients.auth()
    invitee = new_email()
    invited = await settle(admin.invite_user_by_email(invitee, {"data": {"batch": "B2"}}))
    assert invited.user.invited_at is not None
    assert "/verify?token=" in clients.stack.inbox.link_to(invitee)
    email = new_email()
    await settle(admin.create_user({"email": email, "email_confirm": True}))
    link = await settle(admin.generate_link({"type": "magiclink", "email": email}))
    assert link.properties.verification_type == "magiclink"
    assert link.user.email == email
    verified = await settle(
        auth.verify_otp({"email": email, "token": link.properties.email_otp, "type": "email"})
    )
    assert verified.session.user.email == email


async def test_an_emailed_code_signs_in(clients: AuthClients) -> None:
    email = new_email()
    auth = await clients.auth()
    await settle(auth.sign_in_with_otp({"email": email, "options": {"data": {"source": "ads"}}}))
    code = clients.stack.inbox.code_to(email)
    verified = await settle(auth.verify_otp({"email": email, "token": code, "type": "email"}))
    assert verified.user.user_metadata["source"] == "ads"
    assert (await settle(auth.get_user())).user.email == email


async def test_an_emailed_link_signs_in_through_pkce(clients: AuthClients) -> None:
    email = new_email()
    auth = await clients.auth()
    await settle(auth.sign_in_with_otp({"email": email}))
    clicked = httpx.get(clients.stack.inbox.link_to(email), follow_redirects=False)
    code = parse_qs(urlsplit(clicked.headers["location"]).query)["code"][0]
    exchanged = await settle(auth.exchange_code_for_session({"auth_code": code}))
    assert exchanged.session.user.email == email


async def test_a_password_reset_through_the_emailed_code(clients: AuthClients) -> None:
    email = new_email()
    auth = await signed_up(clients, email)
    await settle(auth.sign_out())
    await settle(auth.reset_password_for_email(email))
    code = clients.stack.inbox.code_to(email)
    recovered = await settle(auth.verify_otp({"email": email, "token": code, "type": "recovery"}))
    assert recovered.user.email == email
    await settle(auth.update_user({"password": "a new password here"}))
    again = await clients.auth()
    signed_in = await settle(again.sign_in_with_password({"email": email, "password": "a new password here"}))
    assert signed_in.user.email == email
