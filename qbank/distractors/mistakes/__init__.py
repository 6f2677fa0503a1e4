"""The built-in modelled mistakes, one module per topic; importing this package registers them all."""
from qbank.distractors.mistakes import (  # noqa: F401
    attention, attention_counts, attention_exact, attention_sequences, conv, conv_geometry, init, kv_cache, lora, loss,
    norm, rnn, training, transformer_flops, transformer_params)
