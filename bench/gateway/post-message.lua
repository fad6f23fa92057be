-- wrk script: POST /v1/messages with the bench tenant's key (BENCH_KEY) and a fixed body.
wrk.method = "POST"
wrk.body = '{"to":"+61412345678","from":"Trunkline","text":"Trunkline bench message"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
