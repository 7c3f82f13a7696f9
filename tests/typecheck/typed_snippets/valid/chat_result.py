"""A chat completion: the result and its fields as the API names them."""

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
completion = client.chat.completions.create(
    model="gpt-4o-mini", messages=[{"role": "user", "content": "Say hi"}]
)
reveal_type(completion)  # expect-type: CreateChatCompletionResponse
kind: str = completion.object
first = completion.choices[0]
text = first.message.content or ""
print(kind, text.upper(), completion.usage.total_tokens if completion.usage else 0)
