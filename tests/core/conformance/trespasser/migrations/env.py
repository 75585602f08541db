from core.sdk import run_env

run_env()
