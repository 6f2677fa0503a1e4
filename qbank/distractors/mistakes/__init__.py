"""The built-in modelled mistakes, one module per topic; importing this package registers them all."""
from qbank.distractors.mistakes import (  # noqa: F401
    attention, attention_counts, attention_exact, attention_sequences, batchnorm, beam_search, bpe, conv,
    conv_geometry, ctc, decoding, diffusion, gan, init, kv_cache, lora, loss, norm, optim_recipes, rnn, training,
    training_memory, transformer_flops, transformer_params, vae, vit)
