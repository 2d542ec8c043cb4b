"""Generative answers (optional): an OpenAI-compatible LLM writes the answer from the
passages, and every sentence is verified against the passage it cites.

- `llm`: the seam (`LLM` protocol; `OpenAICompatibleLLM` over HTTP; `ScriptedLLM` fake);
- `prompting`: the messages, with passage text delimited as data;
- `verification`: every generated sentence checked against its cited passage;
- `generation`: the flow, falling back to the extractive answer when nothing verifiable is left.

The extractive path never imports this package: without `CQC_RAG_LLM__URL` nothing here loads.
"""
