# bench/kannel.sh: sourced by the benchmarks that measure Kannel 1.4.5 beside Trunkline (bench/gateway/run.sh,
# bench/relay/kannel.sh), so that both run the same Kannel: one SMPP transceiver bind to the sandbox SMSC,
# max-pending-submits = 100, store-type = file, a sendsms user, log level 2 (the boxes are started with -v 2).
#
#   kannel_conf FILE ADMIN_PORT BOX_PORT SEND_PORT SMSC_PORT DIR [NAME]
#
# writes Kannel's configuration to FILE; its store and log files go under DIR (NAME tells runs apart in the log names).

kannel_conf() {
  local file="$1" admin="$2" box="$3" send="$4" smsc_port="$5" dir="$6" name="${7:-bench}"
  mkdir -p "$dir/store"
  cat >"$file" <<CONF
group = core
admin-port = $admin
admin-password = bench
admin-allow-ip = 127.0.0.1
smsbox-port = $box
box-allow-ip = 127.0.0.1
store-type = file
store-location = "$dir/store/kannel.store"
log-file = "$dir/bearerbox-$name.log"
log-level = 2
dlr-storage = internal

group = smsc
smsc = smpp
smsc-id = sandbox
host = 127.0.0.1
port = $smsc_port
transceiver-mode = true
smsc-username = trunkline
smsc-password = secret
system-type = ""
address-range = ""
max-pending-submits = 100
reconnect-delay = 1

group = smsbox
bearerbox-host = 127.0.0.1
sendsms-port = $send
log-file = "$dir/smsbox-$name.log"
log-level = 2

group = sendsms-user
username = bench
password = bench
max-messages = 1
CONF
}
