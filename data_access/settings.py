"""One configuration source: environment variables with embedded defaults."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "instance" / "nok.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    database_url: str = Field(default=f"sqlite:///{DEFAULT_DB}", alias="DATABASE_URL")
    redis_url: str | None = Field(default=None, alias="REDIS_URL")
    # Query results cached per filter combination (dashboard/cache.py); 0 switches it off.
    cache: bool = Field(default=True, alias="NOK_CACHE")
    secret_key: str = Field(default="dev-only-change-me", alias="SECRET_KEY")
    # Quality bands (DOMAIN.md §3): lower bounds of the total, inclusive.
    band_excellent: float = Field(default=91.0, alias="NOK_BAND_EXCELLENT")
    band_good: float = Field(default=81.0, alias="NOK_BAND_GOOD")
    band_satisfactory: float = Field(default=71.0, alias="NOK_BAND_SATISFACTORY")
    band_below_average: float = Field(default=51.0, alias="NOK_BAND_BELOW_AVERAGE")
    # How many organizations each list of «Требует внимания» names.
    attention_size: int = Field(default=10, alias="NOK_ATTENTION_SIZE")
    # Below this many organizations a plan's or a recommendation's effect is shown with a
    # caution that nothing can be concluded from it.
    effect_min_organizations: int = Field(default=30, alias="NOK_EFFECT_MIN_ORGANIZATIONS")
    boundaries_file: Path | None = Field(default=None, alias="NOK_BOUNDARIES")
    host: str = Field(default="127.0.0.1", alias="NOK_HOST")
    port: int = Field(default=8050, alias="NOK_PORT")
    debug: bool = Field(default=False, alias="NOK_DEBUG")
    # Access (dashboard/auth.py): reading without a login for a region that publishes its
    # dashboard (imports always need a login); cookies marked Secure behind HTTPS.
    public_read: bool = Field(default=False, alias="NOK_PUBLIC_READ")
    https: bool = Field(default=False, alias="NOK_HTTPS")
    session_hours: int = Field(default=12, alias="NOK_SESSION_HOURS")
    login_rate_limit: str = Field(default="5 per minute", alias="NOK_LOGIN_RATE_LIMIT")
    # Reverse proxies in front (nginx: 1) whose X-Forwarded-For/-Proto/-Host are trusted: the
    # client's address for the login rate limit, https for the cookies.
    proxy_hops: int = Field(default=0, alias="NOK_PROXY_HOPS")

    @property
    def band_thresholds(self) -> dict[str, float]:
        return {"excellent": self.band_excellent, "good": self.band_good,
                "satisfactory": self.band_satisfactory,
                "below_average": self.band_below_average}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
