-- wrk script for the bare responder of the same run: a POST with a body the size of a small message.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.rep("x", 600)
