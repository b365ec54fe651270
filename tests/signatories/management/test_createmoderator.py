import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_createmoderator_noinput_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_MODERATOR_PASSWORD", "correct-Horse-battery-9")
    call_command("createmoderator", "amina", "--email", "amina@coalition.example", "--noinput")
    user = get_user_model().objects.get(username="amina")
    assert user.is_staff
    assert user.email == "amina@coalition.example"
    assert user.check_password("correct-Horse-battery-9")
    assert user.groups.filter(name="Moderators").exists()


def test_createmoderator_noinput_without_password_fails_clearly(monkeypatch):
    monkeypatch.delenv("DJANGO_MODERATOR_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="DJANGO_MODERATOR_PASSWORD"):
        call_command("createmoderator", "amina", "--noinput")
    assert not get_user_model().objects.filter(username="amina").exists()


def test_createmoderator_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("DJANGO_MODERATOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("createmoderator", "amina", "--noinput")


def test_createmoderator_prompts_without_noinput(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "correct-Horse-battery-9")
    call_command("createmoderator", "amina")
    assert get_user_model().objects.get(username="amina").check_password("correct-Horse-battery-9")


def test_createmoderator_refuses_an_existing_username(monkeypatch, moderator):
    monkeypatch.setenv("DJANGO_MODERATOR_PASSWORD", "correct-Horse-battery-9")
    with pytest.raises(CommandError, match="already exists"):
        call_command("createmoderator", moderator.username, "--noinput")
