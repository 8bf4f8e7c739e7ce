"""pyHanko's synchronous calls run their own asyncio loop, which fails in a thread that already
runs one (an async server, Playwright's sync API in tests): there, they run in a worker thread."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def outside_event_loop(function, *args, **kwargs):
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
