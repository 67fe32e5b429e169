from bot.console.app import ROUTES
from bot.console.permissions import (
    Action,
    Role,
    StaffUser,
    masked_for,
    may,
    sees_case,
    sees_conversation,
)
from bot.console.routes import login

ADMIN = StaffUser("a@gemeente.nl", Role.ADMIN)
KEES = StaffUser("k.bakker@example.org", Role.CONSULTANT)
REVIEWER = StaffUser("r@gemeente.nl", Role.REVIEWER)


def test_a_reviewer_cannot_open_admin_pages_or_case_files() -> None:
    assert not may(REVIEWER, Action.MANAGE_USERS) and not may(REVIEWER, Action.VIEW_CASES)
    assert may(REVIEWER, Action.REVIEW_CONVERSATIONS) and masked_for(REVIEWER)
    assert not sees_case(REVIEWER, "k.bakker@example.org")


def test_a_consultant_sees_only_their_own_caseload() -> None:
    assert sees_case(KEES, "K.Bakker@example.org ") and not sees_case(KEES, "m.devries@example.org")
    assert sees_conversation(KEES, "k.bakker@example.org", linked=True)
    assert not sees_conversation(KEES, "m.devries@example.org", linked=True)
    assert not sees_conversation(KEES, None, linked=False)
    assert not may(KEES, Action.MANAGE_USERS) and not masked_for(KEES)


def test_admins_may_do_everything() -> None:
    assert all(may(ADMIN, action) for action in Action) and sees_case(ADMIN, None)


def test_every_page_names_the_permission_it_needs() -> None:
    """Only logging in, one's own account and the start page are open to all staff members."""
    open_to_all = {
        *login.PUBLIC,
        "/logout",
        "/",
        "/account",
        "/account/password",
        "/account/language",
    }
    for route in (route for module in ROUTES for route in module.bp._future_routes):
        permission = getattr(route.handler, "permission", None)
        assert (route.uri in open_to_all) == (permission is None), route.uri
