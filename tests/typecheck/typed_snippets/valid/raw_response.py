"""Raw responses: status and headers first, then the parsed result; streamed bodies read on demand."""

from portkey_client import AsyncPortkey, Portkey

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
raw = client.chat.completions.with_raw_response.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
)
print(raw.status_code, raw.headers.get("x-request-id"))
completion = raw.parse()
reveal_type(completion)  # expect-type: CreateChatCompletionResponse
print(completion.choices[0].message.content)

raw_models = client.with_raw_response.models.list()
reveal_type(raw_models.parse())  # expect-type: ListModelsResponse

with client.batches.with_streaming_response.retrieve("batch_123") as response:
    print(response.status_code)
    for line in response.iter_lines():
        print(line)
    batch = response.parse()
    reveal_type(batch)  # expect-type: Batch


async def main() -> None:
    aclient = AsyncPortkey(api_key="PORTKEY_API_KEY")
    araw = await aclient.chat.completions.with_raw_response.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": "Hi"}]
    )
    reveal_type(await araw.parse())  # expect-type: CreateChatCompletionResponse
    async with aclient.batches.with_streaming_response.retrieve("batch_123") as streamed:
        async for chunk in streamed.iter_bytes():
            print(len(chunk))
