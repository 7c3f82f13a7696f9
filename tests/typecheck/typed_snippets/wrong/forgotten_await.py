"""Using an async call's result without awaiting it is caught."""

from portkey_client import AsyncPortkey


async def main() -> None:
    client = AsyncPortkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
    completion = client.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
    )
    print(completion.choices)  # expect-error: a coroutine has no attribute "choices"
    raw = client.models.with_raw_response.list()
    print(raw.status_code)  # expect-error: a coroutine has no attribute "status_code"
