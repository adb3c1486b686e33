"""Who may start a certificate download now: a budget per worker in three
lanes, so that URLs never seen before cannot use up what Alexa's own URL needs.

- known: a URL whose chain validated before (in this worker, or read from
  the disk cache): KNOWN_PER_MINUTE. Never-seen URLs cannot touch it.
- first come: any never-seen URL: NEW_PER_MINUTE, a small budget.
- asked again: a never-seen URL asked for again, and asked for at least as
  often as any other never-seen URL requested in the last ACTIVE_SECONDS:
  REPEAT_PER_MINUTE. Alexa names its one URL in every request; a flood of
  fresh junk URLs names each once, so the genuine URL is first in line here
  from its second request on.

Every lane is a token bucket refilled evenly (its burst is what it holds at
most). The counts of asks are bounded tables (MAX_SINGLES URLs asked once,
MAX_REPEATS asked more often, least recently asked dropped first) and forget
a URL idle for DEMAND_WINDOW_SECONDS or resolved (its chain validated, or its
failure is remembered). Not thread-safe: the verifier calls it with its lock
held.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

KNOWN_PER_MINUTE, KNOWN_BURST = 6, 3
NEW_PER_MINUTE, NEW_BURST = 3, 3
REPEAT_PER_MINUTE, REPEAT_BURST = 6, 2
ACTIVE_SECONDS = 10.0
DEMAND_WINDOW_SECONDS = 600.0
MAX_SINGLES = 1024
MAX_REPEATS = 256


class TokenBucket:
    """`per_minute` tokens a minute, at most `burst` held."""

    def __init__(self, per_minute: float, burst: float, now: float):
        self.per_minute, self.burst = max(0.0, float(per_minute)), max(1.0, float(burst))
        self._tokens, self._at = self.burst, now

    def tokens(self, now: float) -> float:
        self._tokens = min(self.burst, self._tokens + max(0.0, now - self._at) * self.per_minute / 60.0)
        self._at = max(self._at, now)
        return self._tokens

    def take(self, now: float) -> bool:
        if self.tokens(now) < 1.0:
            return False
        self._tokens -= 1.0
        return True


@dataclass
class _Asks:
    count: int
    last: float


class DownloadBudget:
    """The three lanes and the counts of asks (see the module)."""

    def __init__(
        self, now: float, *, known_per_minute: float = KNOWN_PER_MINUTE, new_per_minute: float = NEW_PER_MINUTE, repeat_per_minute: float = REPEAT_PER_MINUTE
    ):
        # A lane configured below its burst holds no more than a minute's worth.
        self.known = TokenBucket(known_per_minute, min(KNOWN_BURST, known_per_minute), now)
        self.new = TokenBucket(new_per_minute, min(NEW_BURST, new_per_minute), now)
        self.repeat = TokenBucket(repeat_per_minute, min(REPEAT_BURST, repeat_per_minute), now)
        self._singles: OrderedDict[str, float] = OrderedDict()  # url -> when it was asked for
        self._repeats: OrderedDict[str, _Asks] = OrderedDict()

    # -- counting asks -----------------------------------------------------------

    def note(self, url: str, now: float) -> None:
        """One more request for `url`, which is not cached."""
        asks = self._repeats.get(url)
        if asks is not None and now - asks.last <= DEMAND_WINDOW_SECONDS:
            asks.count, asks.last = asks.count + 1, now
            self._repeats.move_to_end(url)
            return
        self._repeats.pop(url, None)
        asked = self._singles.pop(url, None)
        if asked is not None and now - asked <= DEMAND_WINDOW_SECONDS:
            self._repeats[url] = _Asks(2, now)
            while len(self._repeats) > MAX_REPEATS:
                self._repeats.popitem(last=False)
        else:
            self._singles[url] = now
            while len(self._singles) > MAX_SINGLES:
                self._singles.popitem(last=False)

    def forget(self, url: str) -> None:
        """`url` is resolved: cached, or its failure remembered."""
        self._singles.pop(url, None)
        self._repeats.pop(url, None)

    def asks(self, url: str) -> int:
        if url in self._repeats:
            return self._repeats[url].count
        return 1 if url in self._singles else 0

    def _most_asked(self, url: str, now: float) -> bool:
        """`url` is asked for at least as often as any other recently asked URL."""
        count = self.asks(url)
        for other, asks in reversed(self._repeats.items()):  # most recently asked first
            if now - asks.last > ACTIVE_SECONDS:
                break
            if other != url and asks.count > count:
                return False
        return True

    # -- spending ------------------------------------------------------------------

    def take(self, url: str, *, known: bool, now: float) -> str | None:
        """The lane a download of `url` may use now ("known", "asked again",
        "first come"), or None: no download now."""
        if known and self.known.take(now):
            return "known"
        if self.asks(url) >= 2 and self._most_asked(url, now) and self.repeat.take(now):
            return "asked again"
        if self.new.take(now):
            return "first come"
        return None

    def refusal(self, known: bool) -> str:
        if known:
            return f"certificate download budget spent ({self.known.per_minute:g} a minute for a URL that validated before)"
        return f"certificate download budget for new URLs spent ({self.new.per_minute:g} a minute, {self.repeat.per_minute:g} more for the URL asked for most)"

    def info(self, now: float) -> dict[str, float]:
        return {
            "known_tokens": self.known.tokens(now),
            "new_tokens": self.new.tokens(now),
            "repeat_tokens": self.repeat.tokens(now),
            "urls_asked_once": len(self._singles),
            "urls_asked_again": len(self._repeats),
        }
