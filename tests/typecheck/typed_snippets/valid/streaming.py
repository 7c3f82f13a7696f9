"""Streaming a chat completion with stream=True."""

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
stream = client.chat.completions.create(
    model="gpt-4o-mini",
    messages=[{"role": "user", "content": "Count to three"}],
    stream=True,
)
reveal_type(stream)  # expect-type: Stream[CreateChatCompletionStreamResponse]
for chunk in stream:
    reveal_type(chunk)  # expect-type: CreateChatCompletionStreamResponse
    if chunk.choices:
        print(chunk.choices[0].delta.content or "", end="")
