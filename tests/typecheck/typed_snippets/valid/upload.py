"""File upload: bytes, a path, or (filename, content, content type)."""

from pathlib import Path

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY")

uploaded = client.files.create(file=Path("batch.jsonl"), purpose="batch")
reveal_type(uploaded)  # expect-type: OpenAIFile
with open("train.jsonl", "rb") as handle:
    client.files.create(file=handle, purpose="fine-tune")
client.files.create(file=("data.jsonl", b'{"a": 1}\n', "application/jsonl"), purpose="assistants")
transcript = client.audio.transcriptions.create(file=Path("speech.mp3"), model="whisper-1", language="en")
