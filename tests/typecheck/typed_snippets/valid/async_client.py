"""The async client: awaited calls, async streams and async pages (no await before async for)."""

import asyncio

from portkey_client import AsyncPortkey


async def main() -> None:
    client = AsyncPortkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
    completion = await client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
    )
    reveal_type(completion)  # expect-type: CreateChatCompletionResponse
    print(completion.choices[0].message.content)

    stream = await client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}], stream=True
    )
    async for chunk in stream:
        reveal_type(chunk)  # expect-type: CreateChatCompletionStreamResponse
        print(chunk.id)

    async for batch in client.batches.list(limit=10):
        reveal_type(batch)  # expect-type: Batch
        print(batch.id, batch.status)

    first_page = await client.batches.list(limit=10)
    for item in first_page.data:
        print(item.id)
    if first_page.has_next_page():
        next_page = await first_page.get_next_page()
        print(len(next_page.data))


asyncio.run(main())
