"""A per-process memory cache bounded in bytes, for each process's copy of the public pages
(letter/page_cache.py). Django's LocMemCache counts entries, whatever their size: 50 print
views of a big letter are hundreds of megabytes in every web worker.

OPTIONS: MAX_BYTES (the budget; default 8 MiB) and MAX_ENTRY_BYTES (a larger value is not
kept at all; default an eighth of MAX_BYTES, so a few big pages never push out the busy small
ones). The least recently used entries go first once the budget is reached."""

import pickle
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

_stores = {}
_stores_lock = threading.Lock()


class _Store:
    def __init__(self):
        self.entries = OrderedDict()  # key -> (expires_at or None, pickled value)
        self.size = 0
        self.lock = threading.Lock()


class BoundedMemoryCache(BaseCache):
    def __init__(self, name, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", 8 * 1024 * 1024))
        self.max_entry_bytes = int(options.get("MAX_ENTRY_BYTES", self.max_bytes // 8))
        with _stores_lock:
            self._store = _stores.setdefault(name, _Store())

    @property
    def size(self):
        """Bytes held now, for everything this location holds."""
        return self._store.size

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self.has_key(key, version=version):
            return False
        return self.set(key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        store = self._store
        with store.lock:
            entry = store.entries.get(key)
            if entry is None:
                return default
            if entry[0] is not None and entry[0] <= time.monotonic():
                self._discard(key)
                return default
            store.entries.move_to_end(key)
            data = entry[1]
        return pickle.loads(data)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        store = self._store
        with store.lock:
            self._discard(key)
            if len(data) > self.max_entry_bytes:
                return False
            seconds = self.get_backend_timeout(timeout)
            expires = None if seconds is None else time.monotonic() + seconds
            store.entries[key] = (expires, data)
            store.size += len(data)
            while store.size > self.max_bytes:
                self._discard(next(iter(store.entries)))
        return True

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, version=version)
        return value is not None and self.set(key, value, timeout, version=version)

    def delete(self, key, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._store.lock:
            return self._discard(key)

    def has_key(self, key, version=None):
        sentinel = object()
        return self.get(key, sentinel, version=version) is not sentinel

    def clear(self):
        with self._store.lock:
            self._store.entries.clear()
            self._store.size = 0

    def _discard(self, key):
        entry = self._store.entries.pop(key, None)
        if entry is None:
            return False
        self._store.size -= len(entry[1])
        return True
