"""Open311 API keys: a client sends its key as `api_key`. Only the key's SHA-256 is stored, so
a leaked database does not leak working keys; the key itself is shown once, when issued."""

import hashlib
import secrets

from django.utils import timezone

from luotsi.concerns.models import ApiKey

# token_urlsafe(32) gives 43 characters; anything much longer is not one of ours and is not
# worth hashing.
MAX_KEY_LENGTH = 100


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_key_save_new(key: ApiKey) -> str:
    """Give an unsaved key (with its name set) a fresh secret and save it; returns the secret,
    which is not stored anywhere. The admin's add form uses this on its own instance."""
    raw = secrets.token_urlsafe(32)
    key.prefix, key.key_hash = raw[:8], _hash(raw)
    key.name = key.name.strip()[:100]
    key.full_clean(exclude=["prefix", "key_hash"])
    key.save()
    return raw


def api_key_issue(*, name: str) -> tuple[ApiKey, str]:
    key = ApiKey(name=name)
    return key, api_key_save_new(key)


def api_key_check(raw: str | None) -> ApiKey | None:
    """The active key `raw` is, or None; records when it was used."""
    if not raw or len(raw) > MAX_KEY_LENGTH:
        return None
    key = ApiKey.objects.filter(key_hash=_hash(raw), is_active=True).first()
    if key is None:
        return None
    key.last_used_at = timezone.now()
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=key.last_used_at)
    return key
