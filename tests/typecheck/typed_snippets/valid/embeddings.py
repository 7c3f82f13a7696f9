"""Embeddings from one string, a list of strings, or a tuple of them."""

from portkey_client import AsyncPortkey, Portkey

client = Portkey(api_key="PORTKEY_API_KEY")

one = client.embeddings.create(model="text-embedding-3-small", input="The food was delicious.")
reveal_type(one)  # expect-type: CreateEmbeddingResponse
many = client.embeddings.create(model="text-embedding-3-large", input=["first", "second"], dimensions=256)
from_tuple = client.embeddings.create(model="my-embedder", input=("a", "b"), encoding_format="float")
print(one.data[0].embedding[:3], len(many.data), from_tuple.model)


async def embed() -> None:
    async_client = AsyncPortkey(api_key="PORTKEY_API_KEY")
    result = await async_client.embeddings.create(model="text-embedding-3-small", input="hello")
    reveal_type(result)  # expect-type: CreateEmbeddingResponse
