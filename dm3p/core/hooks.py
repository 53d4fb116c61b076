"""Extension points: an earlier app declares a hook, later apps add entries to it.

Apps depend one way (ARCHITECTURE.md), so when core needs to show a later app's notices or
events needs a later app's panel, the earlier app declares a ``Hook`` in its own
``hooks.py`` (with the type of entry it takes and what it is for), and the later app
registers its entries from its ``handlers.py`` when Django starts.

One rule for duplicates everywhere: an entry is known by its key (a function's module and
name, or the ``key`` given at declaration), and registering the same key again replaces the
earlier entry in its place. Registering twice is therefore harmless, and a test can swap an
entry for its own and put the original back.
"""

from collections.abc import Callable, Hashable, Iterator


def _qualified_name(entry: object) -> Hashable:
    module = getattr(entry, "__module__", None)
    name = getattr(entry, "__qualname__", None)
    if module is not None and name is not None:
        return f"{module}.{name}"
    if isinstance(entry, Hashable):
        return entry
    raise TypeError(f"{entry!r} has no name; declare the hook with a key function.")


class Hook[Entry]:
    """A named, typed list of entries that later apps add to."""

    def __init__(self, name: str, *, key: Callable[[Entry], Hashable] = _qualified_name) -> None:
        self.name = name
        self._key = key
        self._entries: dict[Hashable, Entry] = {}

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._entries)} entries>"

    def register(self, entry: Entry) -> Entry:
        """Add ``entry`` (or replace the entry with its key); returns it, so it can decorate."""
        self._entries[self._key(entry)] = entry
        return entry

    def unregister(self, entry: Entry) -> None:
        self._entries.pop(self._key(entry), None)

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)
