"""The cache that admin login throttling counts failures in: Redis, so that every web process
counts together, and this process's memory for any count Redis would not take (unreachable,
or out of memory). Throttling then holds per process instead of letting every attempt
through, as a cache that ignores Redis's errors would."""

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

_MISSING = object()


class FailSafeRedisCache(RedisCache):
    """A key written to this process's memory while Redis refused it is read and counted
    there until it expires; every other key lives in Redis. Only the operations counters
    need are covered (get, set, add, incr, touch, delete); the rest are RedisCache's."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.fallback = LocMemCache(f"failsafe:{self.key_prefix}", params)

    def get(self, key, default=None, version=None):
        value = self.fallback.get(key, _MISSING, version=version)
        if value is not _MISSING:
            return value
        try:
            return self.client.get(key, default=default, version=version)
        except ConnectionInterrupted:
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self.fallback.has_key(key, version=version):
            try:
                return self.client.set(key, value, timeout=timeout, version=version)
            except ConnectionInterrupted:
                pass
        return self.fallback.set(key, value, timeout=timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if not self.fallback.has_key(key, version=version):
            try:
                return self.client.add(key, value, timeout=timeout, version=version)
            except ConnectionInterrupted:
                pass
        return self.fallback.add(key, value, timeout=timeout, version=version)

    def incr(self, key, delta=1, version=None):
        if not self.fallback.has_key(key, version=version):
            try:
                return self.client.incr(key, delta=delta, version=version)
            except ConnectionInterrupted:
                # Redis holds a count it cannot raise: this process counts on from nothing.
                self.fallback.add(key, 0, version=version)
        return self.fallback.incr(key, delta=delta, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        if self.fallback.has_key(key, version=version):
            return self.fallback.touch(key, timeout=timeout, version=version)
        try:
            return self.client.touch(key, timeout=timeout, version=version)
        except ConnectionInterrupted:
            return False

    def delete(self, key, version=None):
        deleted = self.fallback.delete(key, version=version)
        try:
            return self.client.delete(key, version=version) or deleted
        except ConnectionInterrupted:
            return deleted
