// A fixed test key (32 bytes, base64): the functions read it like the deployment's env var.
process.env.SWITCHBOARD_ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
