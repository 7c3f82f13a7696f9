"""Chat with messages written as dicts, kept in typed variables and passed as lists of subtypes."""

from typing import List

from portkey_client import Portkey
from portkey_client.types.chat_completion_request_message_param import ChatCompletionRequestMessageParam
from portkey_client.types.chat_completion_request_user_message_param import ChatCompletionRequestUserMessageParam

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="openai-virtual-key")

completion = client.chat.completions.create(
    model="gpt-4o",
    messages=[
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": "Hello!"},
        {"role": "user", "content": [{"type": "text", "text": "What is in this image?"},
                                     {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}}]},
    ],
    temperature=0.2,
    max_tokens=100,
    response_format={"type": "json_object"},
)
reveal_type(completion)  # expect-type: CreateChatCompletionResponse
print(completion.choices[0].message.content)

# A list of one message kind is accepted where the union of all kinds is asked for.
user_messages: List[ChatCompletionRequestUserMessageParam] = [{"role": "user", "content": "Hi"}]
client.chat.completions.create(model="gpt-4o-mini", messages=user_messages)

history: List[ChatCompletionRequestMessageParam] = [{"role": "assistant", "content": "Hi, how can I help?"}]
history.append({"role": "user", "content": "Tell me a joke."})
client.chat.completions.create(model="my-own-model", messages=history, stop=("\n", "END"))

stream = client.chat.completions.create(model="gpt-4o", messages=history, stream=True)
for chunk in stream:
    print(chunk.choices[0].delta.content or "", end="")
