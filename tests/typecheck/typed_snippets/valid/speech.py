"""Text to speech, streamed to a file."""

from pathlib import Path

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY", virtual_key="VIRTUAL_KEY")
speech = client.audio.speech.create(model="tts-1", voice="alloy", input="Hello")
reveal_type(speech)  # expect-type: BinaryResponse
speech.stream_to_file(Path("speech.mp3"))
