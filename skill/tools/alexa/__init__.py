"""The simulated Alexa side: what Amazon's servers would send and answer, for the commands, tests and benchmarks."""
