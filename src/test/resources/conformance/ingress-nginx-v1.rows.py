# The conformance rows for ingress-nginx, grouped by parser: run with python3 in this directory to rewrite ingress-nginx-v1.psv.
A='internal/ingress/annotations/'
rows=[]
def r(ann, value, outcome, src, ctx='', version='1.15.1', risk='High'):
    rows.append((version, risk, ann, value, ctx, outcome, src))
ACC,DEF,DROP,DENY,REF,NR='ACCEPTED','DEFAULTED','INGRESS_DROPPED','LOCATION_DENIED','NGINX_REFUSES','NOT_READ'
def boolean(ann, src, bad, ctx=''):
    for v in ['true','False','1','t']: r(ann,v,ACC,src,ctx)
    for v in ['yes','on','"true "']: r(ann,v,bad,src,ctx)
    r(ann,'""',DEF if bad!=DENY else DENY,src,ctx)
def integer(ann, src, bad, ctx='', extra=()):
    for v in ['30','0','+15','007']: r(ann,v,ACC if not (v=='0' and '0' in [e[0] for e in extra]) else [e[1] for e in extra if e[0]=='0'][0],src,ctx)
    for v in ['30s','1.5','"30 "','1_000','99999999999999999999']: r(ann,v,bad,src,ctx)
    r(ann,'""',DEF,src,ctx)
    for v,o in extra:
        if v!='0': r(ann,v,o,src,ctx)
def size(ann, src, bad):
    for v in ['8k','1M','512','16g','"8 k"']: r(ann,v,ACC,src)
    for v in ['8kb','1.5m','-1','8K;']: r(ann,v,bad,src)
    r(ann,'""',DEF,src)

# proxy/main.go proxy.Parse: every field falls back to the default backend (ConfigMap) value
P=A+'proxy/main.go proxy.Parse'
for t in ['proxy-connect-timeout','proxy-send-timeout','proxy-read-timeout']:
    for v in ['60','3600','0','+3600','0003600','86400']: r(t,v,ACC,P)
    for v in ['3600s','1h','60.0','"60 "','" 60"','sixty','1e3','99999999999999999999']: r(t,v,DEF,P)
    r(t,'""',DEF,P)
    for v in ['-1','-3600','9223372036854776']: r(t,v,REF,P+' ; rootfs/etc/nginx/template/nginx.tmpl proxy_read_timeout {{ $location.Proxy.ReadTimeout }}s ; nginx src/core/ngx_parse.c ngx_parse_time')
    r(t,'9223372036854775',ACC,P)
for v in ['4','1','+8']: r('proxy-buffers-number',v,ACC,P)
for v in ['0','-1']: r('proxy-buffers-number',v,REF,P+' ; nginx.tmpl proxy_buffers ; nginx src/core/ngx_conf_file.c ngx_conf_set_bufs_slot')
for v in ['four','4k','""']: r('proxy-buffers-number',v,DEF,P)
for t in ['proxy-buffer-size','proxy-busy-buffers-size']:
    for v in ['8k','1M','512','16K']: r(t,v,ACC,P)
    for v in ['16g','8b','"8 k"']: r(t,v,REF,P+' ; nginx.tmpl proxy_buffer_size (no isValidByteSize check) ; nginx ngx_parse_size')
    for v in ['8kb','1.5m','-1','8K;','""']: r(t,v,DEF,P)
for t in ['proxy-body-size','proxy-max-temp-file-size']:
    for v in ['8k','1M','512','16g','0']: r(t,v,ACC,P)
    for v in ['8b','"8 k"']: r(t,v,DEF,P+' ; template.go isValidByteSize')
    for v in ['8kb','1.5m','-1','8K;','""']: r(t,v,DEF,P)
for v in ['/ /app','off','"/  /x"']: r('proxy-cookie-path',v,ACC,P)
for v in ['"/ /app;"','/$uri']: r('proxy-cookie-path',v,DEF,P)
for v in ['off','localhost example.org','".a  b.c"']: r('proxy-cookie-domain',v,ACC,P)
for v in ['localhost','a b c','"off "','a.com b.com;']: r('proxy-cookie-domain',v,DEF,P)
for v in ['error timeout','off','http_502 http_503 non_idempotent','error']: r('proxy-next-upstream',v,ACC,P)
for v in ['error,timeout','http_501','error  timeout','ERROR']: r('proxy-next-upstream',v,DEF,P)
for v in ['0','10']: r('proxy-next-upstream-timeout',v,ACC,P); r('proxy-next-upstream-tries',v,ACC,P)
r('proxy-next-upstream-timeout','-1',REF,P+' ; nginx.tmpl proxy_next_upstream_timeout ; ngx_conf_set_msec_slot')
r('proxy-next-upstream-tries','-1',REF,P+' ; nginx.tmpl proxy_next_upstream_tries ; ngx_conf_set_num_slot')
for v in ['10s','x']: r('proxy-next-upstream-timeout',v,DEF,P); r('proxy-next-upstream-tries',v,DEF,P)
for t in ['proxy-request-buffering','proxy-buffering']:
    for v in ['on','off','" off "']: r(t,v,ACC,P)
    for v in ['On','OFF','true','""']: r(t,v,DEF,P)
for v in ['1.1','1.0','" 1.1"','"1.1\\n"']: r('proxy-http-version',v,ACC,P)
for v in ['2.0','1','HTTP/1.1','1.1.0','""','"1.\\t1"']: r('proxy-http-version',v,DEF,P)
for t in ['proxy-redirect-from','proxy-redirect-to']:
    for v in ['http://a.example.com/','default','off','"http://a.example.com/ "']: r(t,v,ACC,P)
    for v in ['http://a.example.com/$1','~^http://x','a;b']: r(t,v,DEF,P)

# backendprotocol/main.go backendProtocol.Parse: ValidateOptions(validProtocols, false, true); errors -> HTTP
B=A+'backendprotocol/main.go backendProtocol.Parse'
for v in ['HTTP','HTTPS','https','AUTO_HTTP','GRPC','grpcs','FCGI','" GRPC "','Https']: r('backend-protocol',v,ACC,B)
for v in ['AJP','ajp','H2C','WS','HTTP2','""','"HTTPS,GRPC"']: r('backend-protocol',v,DEF,B)
for ver in ['1.9.0','1.10.0','1.12.0','1.13.0']: r('backend-protocol','AJP',DEF,B,version=ver)

# connection/main.go connection.Parse: validConnectionHeaderValue, spaces removed; the parser returns the validation error
C=A+'connection/main.go connection.Parse'
for v in ['close','keep-alive','" close "']: r('connection-proxy-header',v,ACC,C)
r('connection-proxy-header','"keep -alive"',REF,C+' ; nginx.tmpl proxy_set_header Connection {{ $location.Connection.Header }}')
for v in ['upgrade','Upgrade','"close, upgrade"','Close','keepalive','$connection_upgrade','"close\\n"']: r('connection-proxy-header',v,DROP,C)
r('connection-proxy-header','""',DEF,C)

# sessionaffinity/main.go
S=A+'sessionaffinity/main.go affinity.Parse'
for v in ['cookie','" cookie"']: r('affinity',v,ACC,S)
for v in ['Cookie','COOKIE','ip','true','""']: r('affinity',v,DEF,S)
for v in ['balanced','persistent']: r('affinity-mode',v,ACC,S)
for v in ['Persistent','sticky','""']: r('affinity-mode',v,DEF,S)
for v in ['sticky','legacy']: r('affinity-canary-behavior',v,ACC,S)
for v in ['Legacy','none']: r('affinity-canary-behavior',v,DEF,S)
SC=A+'sessionaffinity/main.go affinity.cookieAffinityParse'
ck='affinity=cookie'
for v in ['route','SERVERID','my_cookie-1']: r('session-cookie-name',v,ACC,SC,ck)
for v in ['my cookie;','a=b','"a,b"']: r('session-cookie-name',v,DEF,SC,ck)
r('session-cookie-name','a=b',NR,SC,'')
r('session-cookie-name','route',NR,SC,'affinity=Cookie')
for t in ['session-cookie-expires','session-cookie-max-age']:
    for v in ['172800','0','-1']: r(t,v,ACC,SC,ck)
    for v in ['1h','""']: r(t,v,DEF,SC,ck)
r('session-cookie-expires','172800s',DEF,SC,ck)
for v in ['/','/app?x=1']: r('session-cookie-path',v,ACC,SC,ck)
for v in ['/app;','/app (x)']: r('session-cookie-path',v,DEF,SC,ck)
for v in ['.example.com','example.com']: r('session-cookie-domain',v,ACC,SC,ck)
for v in ['example.com;','*.example.com']: r('session-cookie-domain',v,DEF,SC,ck)
for v in ['None','lax','Strict']: r('session-cookie-samesite',v,ACC,SC,ck)
for v in ['no','Lax;']: r('session-cookie-samesite',v,DEF,SC,ck)
for t in ['session-cookie-secure','session-cookie-conditional-samesite-none','session-cookie-change-on-failure']:
    for v in ['true','0']: r(t,v,ACC,SC,ck)
    for v in ['yes','""']: r(t,v,DEF,SC,ck)

# upstreamhashby/main.go upstreamhashby.Parse: returns every non-missing error
U=A+'upstreamhashby/main.go upstreamhashby.Parse'
for v in ['$remote_addr','$request_uri','${remote_addr}-${http_x_user}','$binary_remote_addr','"$remote_addr "','$cookie_SESSION']: r('upstream-hash-by',v,ACC,U)
r('upstream-hash-by','"$remote_addr consistent"',ACC,U)
for v in ['$remote_addr;','$http_x.y','"$a$b\\n"','$arg_a&b']: r('upstream-hash-by',v,DROP,U)
for v in ['true','false']: r('upstream-hash-by-subset',v,ACC,U)
for v in ['yes','enabled']: r('upstream-hash-by-subset',v,DROP,U)
for v in ['3','10']: r('upstream-hash-by-subset-size',v,ACC,U)
r('upstream-hash-by-subset-size','0',DEF,U)
for v in ['three','3.0']: r('upstream-hash-by-subset-size',v,DROP,U)

# serviceupstream/main.go serviceUpstream.Parse: only a missing annotation uses the default backend value; an invalid one is false
SU=A+'serviceupstream/main.go serviceUpstream.Parse'
for v in ['true','false','TRUE']: r('service-upstream',v,ACC,SU)
for v in ['yes','""']: r('service-upstream',v,DEF,SU)

# sslpassthrough/main.go sslpt.Parse: returns GetBoolAnnotation's error
SP=A+'sslpassthrough/main.go sslpt.Parse'
for v in ['true','false','1','T']: r('ssl-passthrough',v,ACC,SP)
for v in ['yes','enabled','"true "','on']: r('ssl-passthrough',v,DROP,SP)
r('ssl-passthrough','""',DEF,SP)

# rewrite/main.go rewrite.Parse: every field logs and falls back
RW=A+'rewrite/main.go rewrite.Parse'
for t in ['ssl-redirect','force-ssl-redirect','preserve-trailing-slash','use-regex']:
    for v in ['true','false','0','F']: r(t,v,ACC,RW)
    for v in ['yes','off','""']: r(t,v,DEF,RW)
for v in ['/','/$1','/$2/api','/api/v1/','/a:b']: r('rewrite-target',v,ACC,RW)
for v in ['/$1?x=1','/(.*)','"/a b"','/a;b']: r('rewrite-target',v,DEF,RW)
for v in ['/app','/app/ui']: r('app-root',v,ACC,RW)
for v in ['app','http://example.com/app','/app?x','/a;b','""']: r('app-root',v,DEF,RW)

# redirect/redirect.go redirect.Parse: returns every non-missing error
RD=A+'redirect/redirect.go redirect.Parse'
for t in ['from-to-www-redirect','relative-redirects']:
    for v in ['true','false']: r(t,v,ACC,RD)
    for v in ['yes','on']: r(t,v,DROP,RD)
    r(t,'""',DEF,RD)
for ver in ['1.9.6','1.11.0','1.12.0']: r('relative-redirects','true',NR,RD,version=ver)
r('relative-redirects','true',ACC,RD,version='1.13.0')
for v in ['https://www.example.com','http://example.com/path?q=1']: r('permanent-redirect',v,ACC,RD); r('temporal-redirect',v,ACC,RD)
for v in ['"https://example.com/a b"','https://example.com/$request_uri','https://example.com/#x']: r('permanent-redirect',v,DROP,RD); r('temporal-redirect',v,DROP,RD)
for v in ['ftp://example.com','/relative','example.com']: r('temporal-redirect',v,DEF,RD); r('permanent-redirect',v,ACC,RD)
for v in ['301','308','302']: r('permanent-redirect-code',v,ACC,RD)
for v in ['200','400','309']: r('permanent-redirect-code',v,DEF,RD)
for v in ['3o1','301s']: r('permanent-redirect-code',v,DROP,RD)
r('permanent-redirect-code','abc',NR,RD,'temporal-redirect=https://example.com')
tr='temporal-redirect=https://example.com'
for v in ['302','307']: r('temporal-redirect-code',v,ACC,RD,tr)
for v in ['308','200']: r('temporal-redirect-code',v,DEF,RD,tr)
r('temporal-redirect-code','abc',DROP,RD,tr)
r('temporal-redirect-code','abc',NR,RD,'')
r('temporal-redirect-code','302',NR,RD,tr,version='1.11.0')

# ratelimit/main.go ratelimit.Parse
RL=A+'ratelimit/main.go ratelimit.Parse'
for t in ['limit-rpm','limit-rps','limit-connections']:
    for v in ['10','0','+5']: r(t,v,ACC,RL)
    for v in ['10r/s','ten','1.5']: r(t,v,DROP,RL)
    r(t,'""',DEF,RL)
r('limit-connections','-1',DEF,RL+' ; template.go buildRateLimit')
for t in ['limit-rate','limit-rate-after','limit-burst-multiplier']:
    for v in ['100','0']: r(t,v,ACC,RL)
    for v in ['100k','x']: r(t,v,DEF,RL)
for t in ['limit-allowlist','limit-whitelist']:
    for v in ['10.0.0.0/8','10.0.0.1, 192.168.0.0/16','::1','2001:db8::/32']: r(t,v,ACC,RL)
    for v in ['10.0.0.0/33','10.0.0.256','example.com','10.0.0.0/8;','010.0.0.1']: r(t,v,DROP,RL)
r('limit-whitelist','10.0.0.1',NR,RL,'limit-allowlist=10.0.0.2')
r('limit-whitelist','x',NR,RL,'limit-allowlist=10.0.0.2')

# ipallowlist/main.go ipallowlist.Parse, ipdenylist/main.go ipdenylist.Parse: any error but a missing annotation denies the location
IA=A+'ipallowlist/main.go ipallowlist.Parse'
ID=A+'ipdenylist/main.go ipdenylist.Parse'
for t,src in [('allowlist-source-range',IA),('whitelist-source-range',IA),('denylist-source-range',ID)]:
    for v in ['10.0.0.0/8','10.0.0.0/8,192.168.1.1','"10.0.0.0/8, 172.16.0.0/12"','fd00::/8','0.0.0.0/0']: r(t,v,ACC,src)
    for v in ['10.0.0.0/8;','10.0.0.0/40','300.1.1.1','any','10.0.0.0/8,,10.1.0.0/16','""']: r(t,v,DENY,src)
r('whitelist-source-range','10.0.0.0/8',NR,IA,'allowlist-source-range=10.0.0.0/16')
r('whitelist-source-range','bad',NR,IA,'allowlist-source-range=10.0.0.0/16')

# snippets: parser.ValidateNull, risk Critical: refused below annotations-risk-level Critical
for t,src in [('configuration-snippet',A+'snippet/main.go snippet.Parse'),('server-snippet',A+'serversnippet/main.go serverSnippet.Parse'),('stream-snippet',A+'streamsnippet/main.go streamSnippet.Parse'),('modsecurity-snippet',A+'modsecurity/main.go modSecurity.Parse')]:
    r(t,'"more_set_headers \\"X: y\\";"',DROP,src+' ; parser/validators.go CheckAnnotationRisk')
    r(t,'"more_set_headers \\"X: y\\";"',ACC,src,risk='Critical')
    r(t,'"anything { at all"',ACC,src,risk='Critical')
r('auth-snippet','"proxy_set_header X y;"',ACC,A+'authreq/main.go authReq.Parse','auth-url=https://auth.example.com/check',risk='Critical')
r('auth-snippet','"proxy_set_header X y;"',DROP,A+'authreq/main.go authReq.Parse ; parser/validators.go CheckAnnotationRisk','auth-url=https://auth.example.com/check')

# risk levels (parser/validators.go CheckAnnotationRisk via each parser's Validate)
r('server-alias','www.example.com',DROP,A+'alias/main.go alias.Parse ; parser/validators.go CheckAnnotationRisk',risk='Medium')
r('upstream-hash-by','$remote_addr',DROP,U+' ; parser/validators.go CheckAnnotationRisk',risk='Medium')
r('proxy-body-size','8m',DROP,P+' ; parser/validators.go CheckAnnotationRisk',risk='Low')
r('proxy-read-timeout','3600',ACC,P,risk='Low')
r('whitelist-source-range','10.0.0.0/8',DROP,IA+' ; parser/validators.go CheckAnnotationRisk (aliases count)',risk='Low')
r('auth-secret','basic-auth',DROP,A+'auth/main.go auth.Parse ; parser/validators.go CheckAnnotationRisk (before any parser reads it)',risk='Low')

# alias/main.go alias.Parse
AL=A+'alias/main.go alias.Parse'
for v in ['www.example.com','"a.example.com, b.example.com"','*.example.com','~^www\\d+\\.example\\.com$']: r('server-alias',v,ACC,AL)
for v in ['a.example.com;','"a.example.com b.example.com"','a@example.com']: r('server-alias',v,DROP,AL)

# auth/main.go auth.Parse (auth-secret and the rest read only after auth-type)
AU=A+'auth/main.go auth.Parse'
for v in ['basic','digest']: r('auth-type',v,ACC,AU)
for v in ['ntlm','Basic']: r('auth-type',v,DROP,AU)
at='auth-type=basic'
for v in ['auth-file','auth-map']: r('auth-secret-type',v,ACC,AU,at)
r('auth-secret-type','file',DROP,AU,at)
r('auth-secret-type','my-auth-file',DENY,AU,at)
r('auth-secret-type','file',NR,AU,'')
for v in ['basic-auth','ns/basic-auth']: r('auth-secret',v,ACC,AU,at)
for v in ['basic auth;','basic@auth']: r('auth-secret',v,DENY,AU,at)
for v in ['Authentication Required','"Protected - Area"']: r('auth-realm',v,ACC,AU,at)
for v in ['Realm!','"a\\"b"']: r('auth-realm',v,DROP,AU,at)

# authreq/main.go authReq.Parse
AR=A+'authreq/main.go authReq.Parse'
for v in ['https://auth.example.com/oauth2/auth','http://oauth2-proxy.auth.svc.cluster.local:4180/oauth2/auth','https://$host/oauth2/auth']: r('auth-url',v,ACC,AR)
for v in ['https://auth.example.com/check;','"https://a.example.com/x y{"']: r('auth-url',v,DROP,AR)
for v in ['auth.example.com/check','/oauth2/auth']: r('auth-url',v,DENY,AR)
au='auth-url=https://auth.example.com/oauth2/auth'
for v in ['GET','POST']: r('auth-method',v,ACC,AR,au)
for v in ['get','FETCH']: r('auth-method',v,DENY,AR,au)
r('auth-method','get',NR,AR,'')
for v in ['https://$host/oauth2/start?rd=$escaped_request_uri','https://auth.example.com/start']: r('auth-signin',v,ACC,AR,au)
r('auth-signin','"https://a/start?rd=$x#y"',DEF,AR,au)
for v in ['rd','redirect_url']: r('auth-signin-redirect-param',v,ACC,AR,au)
r('auth-signin-redirect-param','rd$',DEF,AR,au)
for v in ['$remote_user$http_authorization','$cookie_session']: r('auth-cache-key',v,ACC,AR,au)
r('auth-cache-key','$remote_user;',DEF,AR,au)
for v in ['200 202 401 5m','"200 202 10m, 401 5m"','5m']: r('auth-cache-duration',v,ACC,AR,au)
for v in ['10m 200','200 401']: r('auth-cache-duration',v,DENY,AR,au)
r('auth-cache-duration','200;5m',DEF,AR,au)
for v in ['X-Auth-Request-User,X-Auth-Request-Email','"X-User, X-Email"']: r('auth-response-headers',v,ACC,AR,au)
r('auth-response-headers','X-User;X-Email',DENY,AR,au)
r('auth-response-headers','"X User"',DENY,AR,au)
for t,dflt in [('auth-keepalive','0'),('auth-keepalive-requests','1000'),('auth-keepalive-timeout','60')]:
    r(t,'10',ACC,AR,au); r(t,'ten',DEF,AR,au)
r('auth-keepalive','-1',DEF,AR,au)
r('auth-keepalive-requests','0',DEF,AR,au)
r('auth-keepalive-timeout','0',DEF,AR,au)
r('auth-keepalive-share-vars','true',ACC,AR,au); r('auth-keepalive-share-vars','yes',DEF,AR,au)
r('auth-proxy-set-headers','auth-headers',ACC,AR,au); r('auth-proxy-set-headers','auth headers;',DEF,AR,au)
r('auth-request-redirect','/login',ACC,AR,au); r('auth-request-redirect','/login;',DEF,AR,au)
r('auth-always-set-cookie','true',ACC,AR,au); r('auth-always-set-cookie','yes',DEF,AR,au)
r('enable-global-auth','false',ACC,A+'authreqglobal/main.go authReqGlobal.Parse'); r('enable-global-auth','no',DEF,A+'authreqglobal/main.go authReqGlobal.Parse')

# authtls/main.go authTLS.Parse
AT=A+'authtls/main.go authTLS.Parse'
r('auth-tls-secret','default/ca-secret',ACC,AT)
r('auth-tls-secret','ca-secret',DENY,AT)
r('auth-tls-secret','default/ca secret;',DROP,AT)
ts='auth-tls-secret=default/ca-secret'
for v in ['on','optional_no_ca']: r('auth-tls-verify-client',v,ACC,AT,ts)
for v in ['yes','ON']: r('auth-tls-verify-client',v,DEF,AT,ts)
r('auth-tls-verify-client','yes',NR,AT,'')
r('auth-tls-verify-depth','2',ACC,AT,ts); r('auth-tls-verify-depth','0',DEF,AT,ts); r('auth-tls-verify-depth','two',DEF,AT,ts)
for v in ['https://example.com/error','@error','/error-page']: r('auth-tls-error-page',v,ACC,AT,ts)
for v in ['https://example.com/error?x=1','ftp://x']: r('auth-tls-error-page',v,DROP,AT,ts)
r('auth-tls-pass-certificate-to-upstream','true',ACC,AT,ts); r('auth-tls-pass-certificate-to-upstream','yes',DROP,AT,ts)
for v in ['CN=client','CN=(a|b)\\.example\\.com']: r('auth-tls-match-cn',v,ACC,AT,ts)
for v in ['client','CN=(a','O=org']: r('auth-tls-match-cn',v,DROP,AT,ts)

# canary/main.go canary.Parse: every field logs and falls back
CA=A+'canary/main.go canary.Parse'
r('canary','true',ACC,CA); r('canary','yes',DEF,CA)
for t in ['canary-weight','canary-weight-total']: r(t,'10',ACC,CA); r(t,'10%',DEF,CA)
for t in ['canary-by-header','canary-by-header-value','canary-by-cookie']: r(t,'X-Canary',ACC,CA); r(t,'X Canary;',DEF,CA)
r('canary-by-header-pattern','^(always|yes)$',ACC,CA); r('canary-by-header-pattern','"a b"',DEF,CA)

# client-body-buffer-size: clientbodybuffersize/main.go clientBodyBufferSize.Parse returns the error
CB=A+'clientbodybuffersize/main.go clientBodyBufferSize.Parse'
for v in ['1M','16k','1024']: r('client-body-buffer-size',v,ACC,CB)
for v in ['16g','8b']: r('client-body-buffer-size',v,DEF,CB+' ; template.go isValidByteSize')
for v in ['1MB','1.5m','-1']: r('client-body-buffer-size',v,DROP,CB)

# cors/main.go cors.Parse: every field falls back
CO=A+'cors/main.go cors.Parse'
r('enable-cors','true',ACC,CO); r('enable-cors','yes',DEF,CO)
for v in ['https://app.example.com','"https://a.example.com, https://*.example.com:8443"','*','null']: r('cors-allow-origin',v,ACC,CO)
for v in ['https://app.example.com/path','"https://a.example.com; https://b"']: r('cors-allow-origin',v,DEF,CO)
r('cors-allow-headers','"DNT,X-CustomHeader, Keep-Alive"',ACC,CO); r('cors-allow-headers','X-Custom;',DEF,CO)
r('cors-allow-methods','"PUT, GET, POST, OPTIONS"',ACC,CO); r('cors-allow-methods','GET;POST',DEF,CO)
r('cors-allow-credentials','false',ACC,CO); r('cors-allow-credentials','no',DEF,CO)
r('cors-expose-headers','"*, X-CustomResponseHeader"',ACC,CO); r('cors-expose-headers','X;Y',DEF,CO)
r('cors-max-age','600',ACC,CO); r('cors-max-age','10m',DEF,CO)

CH=A+'customheaders/main.go customHeaders.Parse'
r('custom-headers','default/custom-headers',ACC,CH); r('custom-headers','custom headers;',DEF,CH)
r('custom-headers','custom-headers',NR,CH,version='1.10.0')
CE=A+'customhttperrors/main.go customhttperrors.Parse'
for v in ['404,503','"404, 500"','500']: r('custom-http-errors',v,ACC,CE)
for v in ['302','404;503','abc']: r('custom-http-errors',v,DROP,CE)
DB=A+'defaultbackend/main.go backend.Parse'
for v in ['default-http-backend','svc1']: r('default-backend',v,ACC,DB)
for v in ['Default-Backend','ns/svc','1svc','svc_1']: r('default-backend',v,DROP,DB)
DP=A+'disableproxyintercepterrors/main.go disableProxyInterceptErrors.Parse'
r('disable-proxy-intercept-errors','true',ACC,DP); r('disable-proxy-intercept-errors','yes',DEF,DP)
FC=A+'fastcgi/main.go fastcgi.Parse'
r('fastcgi-index','index.php',ACC,FC); r('fastcgi-index','index php;',DROP,FC)
r('fastcgi-params-configmap','fastcgi-params',ACC,FC); r('fastcgi-params-configmap','params;',DROP,FC)
H2=A+'http2pushpreload/main.go http2PushPreload.Parse'
r('http2-push-preload','true',ACC,H2); r('http2-push-preload','yes',DROP,H2)
LB=A+'loadbalancing/main.go loadbalancing.Parse'
for v in ['ewma','round_robin','" ewma "','sticky_balanced','chash']: r('load-balance',v,ACC,LB)
for v in ['EWMA','least_conn','ip_hash']: r('load-balance',v,DROP,LB)
LG=A+'log/main.go log.Parse'
for t in ['enable-access-log','enable-rewrite-log']: r(t,'false',ACC,LG); r(t,'off',DEF,LG)
MI=A+'mirror/main.go mirror.Parse'
for v in ['on','off']: r('mirror-request-body',v,ACC,MI)
for v in ['false','OFF']: r('mirror-request-body',v,DEF,MI)
for v in ['https://test.env.com/$request_uri','mirror.example.com']: r('mirror-target',v,ACC,MI)
r('mirror-target','"https://x/ y"',DEF,MI); r('mirror-host','test.env.com',ACC,MI); r('mirror-host','a b;',DEF,MI)
MS=A+'modsecurity/main.go modSecurity.Parse'
for t in ['enable-modsecurity','enable-owasp-core-rules']: r(t,'true',ACC,MS); r(t,'yes',DEF,MS)
r('modsecurity-transaction-id','$request_id',ACC,MS); r('modsecurity-transaction-id','$request_id;',DEF,MS)
OT=A+'opentelemetry/main.go opentelemetry.Parse'
r('enable-opentelemetry','true',ACC,OT); r('enable-opentelemetry','yes',DEF,OT)
oe='enable-opentelemetry=true'
r('opentelemetry-trust-incoming-span','false',ACC,OT,oe); r('opentelemetry-trust-incoming-span','no',DEF,OT,oe)
r('opentelemetry-operation-name','my_operation-1',ACC,OT,oe); r('opentelemetry-operation-name','HTTP $request_method',DROP,OT,oe)
r('opentelemetry-operation-name','HTTP $request_method',NR,OT,'enable-opentelemetry=false')
PI=A+'portinredirect/main.go portInRedirect.Parse'
r('use-port-in-redirects','true',ACC,PI); r('use-port-in-redirects','yes',DEF,PI)
PS=A+'proxyssl/main.go proxySSL.Parse'
r('proxy-ssl-secret','default/backend-ca',ACC,PS); r('proxy-ssl-secret','backend-ca',DENY,PS); r('proxy-ssl-secret','default/ca;',DROP,PS)
ps='proxy-ssl-secret=default/backend-ca'
r('proxy-ssl-ciphers','HIGH:!aNULL:!MD5',ACC,PS,ps); r('proxy-ssl-ciphers','HIGH;',DEF,PS,ps)
r('proxy-ssl-protocols','TLSv1.2 TLSv1.3',ACC,PS,ps); r('proxy-ssl-protocols','TLSv1.1',DEF,PS,ps)
r('proxy-ssl-name','backend.internal',ACC,PS,ps); r('proxy-ssl-name','backend internal;',DEF,PS,ps)
for t in ['proxy-ssl-verify','proxy-ssl-server-name']: r(t,'on',ACC,PS,ps); r(t,'true',DEF,PS,ps)
r('proxy-ssl-verify','on',NR,PS,'')
r('proxy-ssl-verify-depth','2',ACC,PS,ps); r('proxy-ssl-verify-depth','0',DEF,PS,ps)
SA=A+'satisfy/main.go satisfy.Parse'
for v in ['any','all','" any "']: r('satisfy',v,ACC,SA)
for v in ['ANY','some']: r('satisfy',v,DEF,SA)
SX=A+'sslcipher/main.go sslCipher.Parse'
r('ssl-prefer-server-ciphers','true',ACC,SX); r('ssl-prefer-server-ciphers','yes',DEF,SX)
for v in ['ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-GCM-SHA256','HIGH:!aNULL@STRENGTH']: r('ssl-ciphers',v,ACC,SX)
for v in ['HIGH;','ALL,!aNULL']: r('ssl-ciphers',v,DROP,SX)
UV=A+'upstreamvhost/main.go upstreamVhost.Parse'
for v in ['internal.example.com','$host']: r('upstream-vhost',v,ACC,UV)
for v in ['a b;','host"']: r('upstream-vhost',v,DROP,UV)
XF=A+'xforwardedprefix/main.go xforwardedprefix.Parse'
for v in ['/app','"/ app"']: r('x-forwarded-prefix',v,ACC,XF)
for v in ['/app;','/app?x']: r('x-forwarded-prefix',v,DROP,XF)

# global rate limit: read by 1.9-1.11 only (globalratelimit/main.go, removed in 1.12)
GR=A+'globalratelimit/main.go globalratelimit.Parse'
r('global-rate-limit','100',ACC,GR,version='1.11.0'); r('global-rate-limit','x',DEF,GR,version='1.11.0'); r('global-rate-limit','100',NR,GR)
r('global-rate-limit-window','1m',ACC,GR,version='1.10.0'); r('global-rate-limit-window','1 minute',DENY,GR,version='1.10.0')
r('global-rate-limit-key','$remote_addr',ACC,GR,version='1.9.6'); r('global-rate-limit-key','$a;',DEF,GR,version='1.9.6')
r('global-rate-limit-ignored-cidrs','10.0.0.0/8',ACC,GR,version='1.11.0'); r('global-rate-limit-ignored-cidrs','x',DEF,GR,version='1.11.0')

# names no release reads (docs/user-guide/nginx-configuration/annotations-risk.md lists every name)
RK='docs/user-guide/nginx-configuration/annotations-risk.md (absent)'
for t in ['websocket-services','session-cookie-partitioned','proxy-websocket','enable-websocket','upstream-keepalive-timeout','secure-backends','grpc-backend']:
    r(t,'true',NR,RK)
r('proxy-busy-buffers-size','8k',NR,P,version='1.12.0')

import sys
with open('ingress-nginx-v1.psv','w') as f:
    f.write('# Generated by ingress-nginx-v1.rows.py beside this file (the facts, grouped by parser); edit that and run it.\n')
    f.write('# Conformance rows for community kubernetes/ingress-nginx: what the controller does with one annotation value.\n')
    f.write('# Read from kubernetes/ingress-nginx at tag controller-v1.15.1 (and the older tags named in the version column);\n')
    f.write('# the source column names the file and function each row comes from.\n')
    f.write('# version | annotations-risk-level | annotation (after nginx.ingress.kubernetes.io/) | value | other annotations (k=v;k=v) | outcome | source\n')
    f.write('# A value in double quotes keeps its spaces; \\n, \\t and \\" are escapes; "" is the empty string.\n')
    for row in rows:
        f.write(' | '.join(row)+'\n')
print(len(rows))
