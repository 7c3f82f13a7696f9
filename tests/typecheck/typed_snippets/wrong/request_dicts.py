"""Mistakes inside request dicts and arguments that a checker must flag."""

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY")

client.chat.completions.create(model="gpt-4o", messages=[{"role": "usr", "content": "Hi"}])  # expect-error: bad enum literal in a message dict
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": 42}])  # expect-error: wrong value type in a dict
client.chat.completions.create(model="gpt-4o", messages=[{"content": "Hi"}])  # expect-error: missing required key (role)
client.chat.completions.create(model="gpt-4o")  # expect-error: missing required argument (messages)
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], tools=[{"type": "function"}])  # expect-error: tool without its function
client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "Hi"}], response_format={"type": "xml"})  # expect-error: unknown response format
client.audio.speech.create(model="tts-1", voice="alloy", input="Hi", response_format="mp4")  # expect-error: bad enum literal argument
client.embeddings.create(model="text-embedding-3-small", input="hi", encoding_format="int8")  # expect-error: bad enum literal argument
