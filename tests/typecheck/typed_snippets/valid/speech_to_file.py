"""Text to speech, written to a file."""

from pathlib import Path

from portkey_client import Portkey

client = Portkey(api_key="PORTKEY_API_KEY")

speech = client.audio.speech.create(model="tts-1", voice="alloy", input="Hello there!", response_format="mp3")
reveal_type(speech)  # expect-type: BinaryResponse
speech.stream_to_file(Path("speech.mp3"))
client.audio.speech.create(model="tts-1-hd", voice="nova", input="Again", speed=1.25).write_to_file("again.mp3")
