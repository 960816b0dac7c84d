"""The in-process broker: every screen on a topic hears a change, a slow screen is let go."""

import asyncio
import time

from app.live.broker import QUEUE_LIMIT, Broker, frame


async def subscribe(broker: Broker, *topics: str):
    """A connected screen: the stream is open (its first frame read) and listening."""
    stream = broker.stream(list(topics), first=lambda: frame("verbonden"))
    assert await anext(stream) == "data: verbonden\n\n"
    return stream


async def next_frame(stream, timeout: float = 2.0) -> str:
    return await asyncio.wait_for(anext(stream), timeout)


async def nothing_arrives(stream, wait: float = 0.1) -> bool:
    """True when no frame comes within `wait`; the last look at a stream (it is closed after)."""
    task = asyncio.ensure_future(anext(stream))
    await asyncio.sleep(wait)
    arrived = task.done()
    task.cancel()
    return not arrived


def test_a_frame_spreads_multi_line_data_over_data_lines():
    assert frame("een\ntwee", event="field") == "event: field\ndata: een\ndata: twee\n\n"


def test_publish_reaches_every_subscriber_of_the_topic_and_no_other():
    async def scenario():
        broker = Broker()
        board_a = await subscribe(broker, "board:1")
        board_b = await subscribe(broker, "board:1")
        other_session = await subscribe(broker, "board:2")

        broker.publish("board:1", frame("nieuw inzicht"))

        assert await next_frame(board_a) == "data: nieuw inzicht\n\n"
        assert await next_frame(board_b) == "data: nieuw inzicht\n\n"
        assert await nothing_arrives(other_session)
        assert broker.subscriber_count("board:1") == 2

    asyncio.run(scenario())


def test_a_screen_that_goes_away_is_unsubscribed():
    async def scenario():
        broker = Broker()
        board = await subscribe(broker, "board:1")

        await board.aclose()

        assert broker.subscriber_count("board:1") == 0
        broker.publish("board:1", frame("niemand luistert"))  # no error without listeners

    asyncio.run(scenario())


def test_publish_soon_folds_a_burst_of_changes_into_fewer_renders():
    async def scenario():
        broker = Broker(throttle_seconds=0.1)
        board = await subscribe(broker, "board:1")
        state = {"saves": 0, "renders": 0}

        def render() -> str:
            state["renders"] += 1
            return frame(f"{state['saves']} opgeslagen")

        for _ in range(2):  # two bursts of typing, the second within the throttle interval
            for _ in range(10):
                state["saves"] += 1
                broker.publish_soon("board:1", render)
            await asyncio.sleep(0.01)

        first = await next_frame(board)
        last = await next_frame(board)
        await asyncio.sleep(0.2)

        assert first == "data: 10 opgeslagen\n\n"  # the first change after quiet goes out at once
        assert last == "data: 20 opgeslagen\n\n"  # the rest is folded into one later render
        assert state["renders"] == 2
        assert await nothing_arrives(board)

    asyncio.run(scenario())


def test_a_change_made_while_the_board_renders_is_shown_by_a_render_after_it():
    async def scenario():
        broker = Broker(throttle_seconds=0.01)
        board = await subscribe(broker, "board:1")
        state = {"saves": 1}

        def slow_render() -> str:
            seen = state["saves"]
            time.sleep(0.1)  # a large harvest: the save below lands while this renders
            return frame(f"{seen} opgeslagen")

        broker.publish_soon("board:1", slow_render)
        await asyncio.sleep(0.03)
        state["saves"] = 2
        broker.publish_soon("board:1", slow_render)

        assert await next_frame(board) == "data: 1 opgeslagen\n\n"
        assert await next_frame(board) == "data: 2 opgeslagen\n\n"

    asyncio.run(scenario())


def test_publish_soon_without_listeners_renders_nothing():
    async def scenario():
        broker = Broker(throttle_seconds=0.01)
        rendered = []

        broker.publish_soon("board:1", lambda: rendered.append(1) or "")
        await asyncio.sleep(0.05)

        assert rendered == []

    asyncio.run(scenario())


def test_a_screen_that_stops_reading_is_cut_off_and_told_to_reconnect():
    async def scenario():
        broker = Broker()
        slow = await subscribe(broker, "board:1")
        keeping_up = await subscribe(broker, "board:1")

        for n in range(QUEUE_LIMIT + 1):
            broker.publish("board:1", frame(f"wijziging {n}"))
            assert await next_frame(keeping_up) == f"data: wijziging {n}\n\n"

        assert broker.subscriber_count("board:1") == 1
        received = [message async for message in slow]  # the stream ends: time to reconnect
        assert len(received) == QUEUE_LIMIT - 1
        assert received[-1] == f"data: wijziging {QUEUE_LIMIT - 1}\n\n"

    asyncio.run(scenario())
