"""Models of the Portkey API that `types` exports, for type checkers (never imported at run time)."""

from __future__ import annotations

from .create_speech_request import CreateSpeechRequest as CreateSpeechRequest
