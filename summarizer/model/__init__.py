"""The language model: the request for one article, the client that sends it, the server that answers.

``prompts`` loads the Jinja2 templates; ``request`` renders the messages and builds the answer
schema from the evidence; ``client`` sends it to any OpenAI-compatible endpoint (instructor,
tenacity); ``embedded`` runs the default model, llama-cpp-python's server on 127.0.0.1;
``session`` holds the client and the embedded server for a run; ``doctor`` checks this machine can
brief at all.
"""

from .answer import WrittenBrief, parse_answer
from .client import ModelClient, UsageTally
from .doctor import Check, run_doctor
from .embedded import EmbeddedServer, embedded_server, shutdown_embedded
from .prompts import PromptSet, load_prompts
from .request import BriefRequest, build_request, prompt_hash
from .session import ModelSession
from .tiers import TIERS, Tier, weights_path

__all__ = [
    "TIERS",
    "BriefRequest",
    "Check",
    "EmbeddedServer",
    "ModelClient",
    "ModelSession",
    "PromptSet",
    "Tier",
    "UsageTally",
    "WrittenBrief",
    "build_request",
    "embedded_server",
    "load_prompts",
    "parse_answer",
    "prompt_hash",
    "run_doctor",
    "shutdown_embedded",
    "weights_path",
]
