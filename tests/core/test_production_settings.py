"""The example site's production configuration, chosen by environment variables
(docs/integrators/production.md). Each case starts a fresh process with that environment."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-production-secret-key-that-is-long-and-random-" + "x7Qp2" * 4
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "www.siping.gov.cn",
    "HTTPS": "1",
    "BEHIND_PROXY": "1",
    "DATABASE_URL": "postgres://govinfo@db.internal:5432/govinfo",
    "REDIS_URL": "redis://cache.internal:6379/1",
}


def run(args, **env):
    # A clean shell: nothing the test run itself exported (the browser tests allow async-unsafe calls).
    dropped = {"DEBUG", "SECRET_KEY", "REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT / "example_site",
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_is_off_unless_asked_for_and_then_a_secret_key_is_required():
    result = run(["manage.py", "check"])
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr and "DEBUG=1" in result.stderr
    assert run(["manage.py", "check"], DEBUG="1").returncode == 0  # the demo


def test_code_only_commands_run_without_a_secret_key():
    """``makemigrations --check`` works in a plain shell; a server or ``check`` still needs the key."""
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_check_deploy_is_clean_with_the_documented_environment():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_redis_is_the_shared_cache_and_the_acknowledged_broker():
    code = (
        "import example_site.settings as s; "
        "print(s.CACHES['default']['BACKEND']); print(s.Q_CLUSTER['broker_class']); "
        "print(s.Q_CLUSTER['retry'] > s.Q_CLUSTER['timeout'], s.Q_CLUSTER['max_attempts'] >= 2, s.Q_CLUSTER['ack_failures']); "
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.STORAGES['govinfo_private']['BACKEND'])"
    )
    result = run(["-c", code], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.core.cache.backends.redis.RedisCache",
        "wagtail_govinfo.queue_broker.AcknowledgedRedis",
        "True True False",
        "False True wagtail_govinfo.private_files.PrivateFileSystemStorage",
    ]


def test_in_production_every_media_url_goes_through_the_image_check():
    """No image file has a public URL before publication: Django answers all of /media/
    (no static serving of MEDIA_ROOT, whatever the environment)."""
    code = (
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'example_site.settings'; django.setup(); "
        "from django.urls import resolve; "
        "print(*[getattr(resolve(p).func, 'view_class', resolve(p).func).__name__ for p in "
        "('/media/original_images/a.png', '/media/images/a.fill-10x10.png', '/media/documents/a.pdf')])"
    )
    for env in (PRODUCTION, {**PRODUCTION, "SERVE_MEDIA": "1"}, {"DEBUG": "1"}):
        result = run(["-c", code], **env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == ["ImageFileView"] * 3
