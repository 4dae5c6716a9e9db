"""The web app's configuration from the settings table."""

from __future__ import annotations

from pathlib import Path

from headway.settings import Settings
from headway.web.config import web_config


def test_a_secret_key_is_made_once_and_kept_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=str(tmp_path))
    first = web_config(settings, {})
    assert len(first.secret_key) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600
    assert web_config(settings, {}).secret_key == first.secret_key


def test_sqlite_in_the_data_folder_unless_a_database_url_is_given(tmp_path: Path) -> None:
    settings = Settings(data_dir=str(tmp_path), secret_key="k" * 50)
    assert web_config(settings, {}).database_url == f"sqlite:///{tmp_path / 'headway.db'}"
    usual = {"DATABASE_URL": "postgres://db/usual"}
    assert web_config(settings, usual).database_url == "postgres://db/usual"
    own = Settings(data_dir=str(tmp_path), database_url="postgres://db/own")
    assert web_config(own, usual).database_url == "postgres://db/own"


def test_lists_and_sizes(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=str(tmp_path),
        allowed_hosts=" a.example, b.example ,",
        max_upload_mb=3,
        invitation_days=2,
    )
    config = web_config(settings, {})
    assert config.allowed_hosts == ["a.example", "b.example"]
    assert config.max_upload_bytes == 3 * 1024 * 1024
    assert config.invitation_seconds == 2 * 24 * 3600
